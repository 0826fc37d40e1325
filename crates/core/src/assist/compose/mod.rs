//! Completion, hover, definition, references, rename and outline for a
//! compose file. Keys come from the compose-spec schema (with its
//! descriptions); services are named under `services:` and referred to by
//! `depends_on`, `links`, `extends.service`, `volumes_from` and
//! `network_mode: service:…`; `build.target` is completed from the stages of
//! the Dockerfile the service builds, read from the project's files.
//!
//! The place of the cursor is read from the lines above it (their
//! indentation and keys), so a half-typed file still gets proposals.

mod names;

pub use names::{definition, name_at, references, rename, rename_named};

use super::{Completion, Hover, Kind, Symbol};
use crate::compose::schema::{Pattern, Schema, OBJECT};
use crate::compose::schema_docs::DESCRIPTIONS;
use crate::compose::schema_table::{ROOT, SCHEMAS};
use crate::span::{clamp_offset, Span};
use crate::yaml::{self, Node};

/// A file of the project, by its path from the project's root.
pub struct File<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// The proposals at byte `offset` of the compose file `path`; `files` are
/// the project's other files (for the stages of a service's Dockerfile).
pub fn complete(path: &str, text: &str, offset: usize, files: &[File]) -> Vec<Completion> {
    let offset = clamp_offset(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    if prefix.trim_start().starts_with('#') {
        return Vec::new();
    }
    let indent = prefix.len() - prefix.trim_start_matches(' ').len();
    let body = &prefix[indent..];
    let (item, body) = match body.strip_prefix("- ") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, body),
    };
    let mut keys = parents(text, line_start, if item { indent + 1 } else { indent });
    if item {
        keys.push("[]".into());
    }
    // The file is read only where a proposal needs its names.
    let root = || yaml::parse(text).root;
    if let Some((key, value)) = body.split_once(':') {
        // `key: value…`: a value.
        if key.contains(' ') && !key.starts_with(['"', '\'']) {
            return Vec::new();
        }
        let typed = value.trim_start();
        let replace = Span::new(offset - typed.len(), offset);
        keys.push(key.trim_matches(['"', '\'']).to_string());
        return values(&keys, typed, replace, &root, path, files);
    }
    if !body
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
    {
        return Vec::new();
    }
    let replace = Span::new(offset - body.len(), offset);
    if item {
        // `- name`: an entry of a list.
        return values(&keys, body, replace, &root, path, files);
    }
    // A key: the schema's at this place, or names where the keys are names.
    let names = match keys
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["services", service, "depends_on"] => services(root().as_ref(), Some(service)),
        _ => Vec::new(),
    };
    if !names.is_empty() {
        return proposals(names, body, replace, Kind::Value);
    }
    let Some(schema) = schema_at(&keys) else {
        return Vec::new();
    };
    let written = written_keys(text, line_start, indent);
    object_variants(schema)
        .into_iter()
        .flat_map(|s| SCHEMAS[s].properties.iter())
        .filter(|(name, _)| name.starts_with(body) && !written.iter().any(|w| w == name))
        .map(|(name, index)| Completion {
            label: name.to_string(),
            kind: Kind::Property,
            detail: first_sentence(&description(*index).unwrap_or_default()),
            insert: format!("{name}: "),
            replace,
        })
        .collect()
}

/// What the key or the variable at `offset` is. A variable (`${NAME}`,
/// `${NAME:-default}`, `$NAME`) is shown with the value it takes from the
/// project's `.env` text, when there is one, as Docker Compose reads it.
pub fn hover(text: &str, offset: usize, dotenv: Option<&str>) -> Option<Hover> {
    let offset = clamp_offset(text, offset);
    if let Some(found) = variable_at(text, offset) {
        return Some(variable_hover(found, dotenv));
    }
    key_hover(text, offset)
}

/// A `$NAME` or `${NAME…}` written around `offset`: its span, its name and
/// what follows the name inside the braces (`:-default`, …).
struct VariableUse<'a> {
    span: Span,
    name: &'a str,
    modifier: &'a str,
}

fn variable_at(text: &str, offset: usize) -> Option<VariableUse<'_>> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        if bytes.get(i + 1) == Some(&b'$') {
            i += 2;
            continue;
        }
        let (name_start, braced) = if bytes.get(i + 1) == Some(&b'{') {
            (i + 2, true)
        } else {
            (i + 1, false)
        };
        let mut name_end = name_start;
        while name_end < bytes.len()
            && (bytes[name_end].is_ascii_alphanumeric() || bytes[name_end] == b'_')
        {
            name_end += 1;
        }
        // The closing brace, if it is written yet.
        let close = if braced {
            line[name_end..].find('}').map(|j| name_end + j)
        } else {
            None
        };
        let end = match (braced, close) {
            (true, Some(close)) => close + 1,
            (true, None) => line.len(),
            (false, _) => name_end,
        };
        let span = Span::new(line_start + i, line_start + end);
        if name_end > name_start && span.start <= offset && offset <= span.end {
            let modifier = match (braced, close) {
                (true, Some(close)) => &line[name_end..close],
                (true, None) => &line[name_end..],
                (false, _) => "",
            };
            return Some(VariableUse {
                span,
                name: &line[name_start..name_end],
                modifier,
            });
        }
        i = end.max(i + 1);
    }
    None
}

fn variable_hover(found: VariableUse, dotenv: Option<&str>) -> Hover {
    let name = found.name;
    let entries = dotenv.map(|text| crate::compose::dotenv::parse(text, &|_| None));
    let value = entries.as_ref().and_then(|env| env.get(name));
    let (operator, argument) = ["?:", ":-", ":?", ":+", "-", "?", "+"]
        .iter()
        .find_map(|op| found.modifier.strip_prefix(op).map(|rest| (*op, rest)))
        .unwrap_or(("", ""));
    let empty = value.is_some_and(str::is_empty);
    let mut markdown = format!("**`{name}`**\n\n");
    match value {
        Some(value) => markdown.push_str(&format!("`{value}`, from the project's `.env`.")),
        None if dotenv.is_some() => markdown.push_str("Not set in the project's `.env`."),
        None => markdown
            .push_str("The project has no `.env`: the value comes from the shell's environment."),
    }
    let unset = value.is_none();
    let outcome = match operator {
        ":-" if unset || empty => format!("\n\nHere it becomes `{argument}` (the default)."),
        "-" if unset => {
            format!("\n\nHere it becomes `{argument}` (the default, since it is unset).")
        }
        ":?" | "?:" if unset || empty => format!("\n\nDocker Compose stops here: `{argument}`."),
        "?" if unset => format!("\n\nDocker Compose stops here: `{argument}`."),
        ":+" if !(unset || empty) => {
            format!("\n\nHere it becomes `{argument}` (set, so the alternative).")
        }
        "+" if !unset => format!("\n\nHere it becomes `{argument}` (set, so the alternative)."),
        ":+" | "+" => "\n\nHere it becomes empty.".to_string(),
        "" if unset && dotenv.is_some() => {
            "\n\nUnless the shell sets it, Docker Compose warns and uses an empty string."
                .to_string()
        }
        _ => String::new(),
    };
    markdown.push_str(&outcome);
    Hover {
        span: found.span,
        markdown,
    }
}

fn key_hover(text: &str, offset: usize) -> Option<Hover> {
    let root = yaml::parse(text).root?;
    let (keys, node) = key_at(&root, offset, &mut Vec::new())?;
    let schema = schema_at(&keys)?;
    let key = keys.last()?;
    let mut markdown = format!("**{key}**");
    if let Some(text) = description(schema) {
        markdown.push_str(&format!("\n\n{text}"));
    }
    let allowed: Vec<&str> = resolve(schema)
        .into_iter()
        .flat_map(|s| SCHEMAS[s].enumeration.iter().copied())
        .collect();
    if !allowed.is_empty() {
        markdown.push_str(&format!("\n\nAllowed values: `{}`", allowed.join("`, `")));
    }
    if resolve(schema).iter().any(|&s| SCHEMAS[s].deprecated) {
        markdown.push_str("\n\nDeprecated.");
    }
    markdown
        .push_str("\n\n[Compose file reference](https://docs.docker.com/reference/compose-file/)");
    Some(Hover {
        span: node.span,
        markdown,
    })
}

/// The services, networks, volumes, secrets and configs.
pub fn outline(text: &str) -> Vec<Symbol> {
    let Some(root) = yaml::parse(text).root else {
        return Vec::new();
    };
    ["services", "networks", "volumes", "secrets", "configs"]
        .iter()
        .filter_map(|section| {
            let entry = root
                .entries()
                .iter()
                .find(|e| e.key.as_str() == Some(section))?;
            let children = entry
                .value
                .entries()
                .iter()
                .filter_map(|e| {
                    let name = e.key.as_str()?;
                    let detail = e
                        .value
                        .get("image")
                        .and_then(Node::as_str)
                        .map(|i| format!("image {i}"))
                        .unwrap_or_default();
                    Some(Symbol {
                        name: name.to_string(),
                        detail,
                        span: e.key.span.cover(e.value.span),
                        selection: e.key.span,
                        children: Vec::new(),
                    })
                })
                .collect();
            Some(Symbol {
                name: section.to_string(),
                detail: String::new(),
                span: entry.key.span.cover(entry.value.span),
                selection: entry.key.span,
                children,
            })
        })
        .collect()
}

/// The keys of the block lines above `line_start` that hold a line indented
/// by `indent`: its place in the tree.
fn parents(text: &str, line_start: usize, indent: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let mut limit = indent;
    let mut end = line_start;
    while end > 0 && limit > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end - 1].trim_end_matches('\r');
        end = start;
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let col = line.len() - trimmed.len();
        if col >= limit {
            continue;
        }
        // `- key: …` holds keys at the dash's column + 2, and is a list entry.
        let (entry, rest, key_col) = match trimmed.strip_prefix("- ") {
            Some(rest) => (true, rest.trim_start(), col + 2),
            None => (false, trimmed, col),
        };
        if key_col < limit {
            if let Some((key, _)) = rest.split_once(':') {
                keys.push(key.trim().trim_matches(['"', '\'']).to_string());
            }
        }
        if entry {
            keys.push("[]".into());
        }
        limit = col;
    }
    keys.reverse();
    keys
}

/// The keys already written in the mapping the cursor's line belongs to.
fn written_keys(text: &str, line_start: usize, indent: usize) -> Vec<String> {
    let mut keys = Vec::new();
    let is_sibling = |line: &str| {
        let trimmed = line.trim_start_matches(' ');
        let col = line.len() - trimmed.len();
        (col == indent)
            .then(|| trimmed.split_once(':').map(|(k, _)| k.trim().to_string()))
            .flatten()
    };
    // Above, then below, up to a line less indented.
    for line in text[..line_start].lines().rev() {
        let col = line.len() - line.trim_start_matches(' ').len();
        if !line.trim().is_empty() && !line.trim_start().starts_with('#') && col < indent {
            break;
        }
        keys.extend(is_sibling(line));
    }
    let rest = text[line_start..].split_once('\n').map_or("", |(_, r)| r);
    for line in rest.lines() {
        let col = line.len() - line.trim_start_matches(' ').len();
        if !line.trim().is_empty() && !line.trim_start().starts_with('#') && col < indent {
            break;
        }
        keys.extend(is_sibling(line));
    }
    keys
}

/// Value proposals for the last key of `keys`.
fn values(
    keys: &[String],
    typed: &str,
    replace: Span,
    root: &dyn Fn() -> Option<Node>,
    path: &str,
    files: &[File],
) -> Vec<Completion> {
    let keys_str: Vec<&str> = keys.iter().map(String::as_str).collect();
    let service = match keys_str.as_slice() {
        ["services", service, ..] => Some(*service),
        _ => None,
    };
    let names = match keys_str.as_slice() {
        ["services", _, "depends_on", "[]"] | ["services", _, "links", "[]"] => {
            services(root().as_ref(), service)
        }
        ["services", _, "volumes_from", "[]"] | ["services", _, "extends", "service"] => {
            services(root().as_ref(), service)
        }
        ["services", _, "network_mode"] => {
            let mut modes: Vec<(String, String)> = ["host", "none", "bridge"]
                .iter()
                .map(|m| (m.to_string(), "network mode".to_string()))
                .collect();
            modes.extend(
                services(root().as_ref(), service)
                    .into_iter()
                    .map(|(n, d)| (format!("service:{n}"), d)),
            );
            modes
        }
        ["services", _, "networks", "[]"] => top_level(root().as_ref(), "networks"),
        ["services", _, "secrets", "[]"] => top_level(root().as_ref(), "secrets"),
        ["services", _, "configs", "[]"] => top_level(root().as_ref(), "configs"),
        ["services", _, "volumes", "[]"] => top_level(root().as_ref(), "volumes")
            .into_iter()
            .map(|(name, detail)| (format!("{name}:"), detail))
            .collect(),
        ["services", service, "build", "target"] => stages(root().as_ref(), service, path, files),
        _ => Vec::new(),
    };
    if !names.is_empty() {
        return proposals(names, typed, replace, Kind::Value);
    }
    let Some(schema) = schema_at(keys) else {
        return Vec::new();
    };
    let allowed: Vec<(String, String)> = resolve(schema)
        .into_iter()
        .flat_map(|s| SCHEMAS[s].enumeration.iter())
        .map(|v| (v.to_string(), keys.last().cloned().unwrap_or_default()))
        .collect();
    proposals(allowed, typed, replace, Kind::Value)
}

fn proposals(
    names: Vec<(String, String)>,
    typed: &str,
    replace: Span,
    kind: Kind,
) -> Vec<Completion> {
    names
        .into_iter()
        .filter(|(n, _)| n.starts_with(typed))
        .map(|(label, detail)| Completion {
            insert: label.clone(),
            label,
            kind,
            detail,
            replace,
        })
        .collect()
}

/// Service names with their image or build, `except` left out.
fn services(root: Option<&Node>, except: Option<&str>) -> Vec<(String, String)> {
    let Some(services) = root.and_then(|r| r.get("services")) else {
        return Vec::new();
    };
    services
        .entries()
        .iter()
        .filter_map(|e| {
            let name = e.key.as_str()?;
            (Some(name) != except).then(|| {
                let detail = match e.value.get("image").and_then(Node::as_str) {
                    Some(image) => format!("service, image {image}"),
                    None => "service".to_string(),
                };
                (name.to_string(), detail)
            })
        })
        .collect()
}

fn top_level(root: Option<&Node>, section: &str) -> Vec<(String, String)> {
    root.and_then(|r| r.get(section))
        .map(|s| {
            s.entries()
                .iter()
                .filter_map(|e| {
                    Some((
                        e.key.as_str()?.to_string(),
                        section.trim_end_matches('s').to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The stages of the Dockerfile `service` builds: `build.context` (or
/// `build:` as a string) joined with `build.dockerfile` (default
/// `Dockerfile`), from the compose file's folder.
fn stages(root: Option<&Node>, service: &str, path: &str, files: &[File]) -> Vec<(String, String)> {
    let Some(file) = dockerfile_of(root, service, path, files) else {
        return Vec::new();
    };
    let parsed = crate::dockerfile::parse(file.text);
    parsed
        .stages
        .iter()
        .filter_map(|s| {
            Some((
                s.name.clone()?,
                format!("stage FROM {} in {}", s.base, file.path),
            ))
        })
        .collect()
}

/// The project's file that `service` builds from.
fn dockerfile_of<'f, 'a>(
    root: Option<&Node>,
    service: &str,
    path: &str,
    files: &'f [File<'a>],
) -> Option<&'f File<'a>> {
    let build = root?.get("services")?.get(service)?.get("build")?;
    let (context, dockerfile) = match build.as_str() {
        Some(context) => (context, "Dockerfile"),
        None => (
            build.get("context").and_then(Node::as_str).unwrap_or("."),
            build
                .get("dockerfile")
                .and_then(Node::as_str)
                .unwrap_or("Dockerfile"),
        ),
    };
    let folder = path.rsplit_once('/').map_or("", |(f, _)| f);
    let wanted = normalize(&format!("{folder}/{context}/{dockerfile}"));
    files.iter().find(|f| normalize(f.path) == wanted)
}

/// The `build.target` scalars of services that build `dockerfile` (a path
/// among the project's files) and name the stage `stage`: where a renamed
/// stage must be renamed too.
pub fn targets_of(path: &str, text: &str, dockerfile: &str, stage: &str) -> Vec<Span> {
    let Some(root) = yaml::parse(text).root else {
        return Vec::new();
    };
    let Some(services) = root.get("services") else {
        return Vec::new();
    };
    let target_file = [File {
        path: dockerfile,
        text: "",
    }];
    services
        .entries()
        .iter()
        .filter_map(|e| {
            let service = e.key.as_str()?;
            let target = e.value.get("build")?.get("target")?;
            if !target.as_str()?.eq_ignore_ascii_case(stage) {
                return None;
            }
            dockerfile_of(Some(&root), service, path, &target_file)?;
            let written = text.get(target.span.start..target.span.end)?;
            let at = written.find(target.as_str()?)?;
            let start = target.span.start + at;
            Some(Span::new(start, start + stage.len()))
        })
        .collect()
}

/// Where the stage named by a service's `build.target` at `offset` is
/// defined: the Dockerfile's path among `files`, and the span of the
/// stage's name in it.
pub fn target_stage(
    path: &str,
    text: &str,
    offset: usize,
    files: &[File],
) -> Option<(String, Span)> {
    let root = yaml::parse(text).root?;
    let offset = clamp_offset(text, offset);
    let (service, target) = root.get("services")?.entries().iter().find_map(|e| {
        let target = e.value.get("build")?.get("target")?;
        (target.span.start <= offset && offset <= target.span.end).then(|| (e.key.as_str(), target))
    })?;
    let name = target.as_str()?;
    let file = dockerfile_of(Some(&root), service?, path, files)?;
    let parsed = crate::dockerfile::parse(file.text);
    parsed.instructions.iter().find_map(|i| match &i.command {
        crate::dockerfile::Command::From {
            stage_name: Some(stage),
            ..
        } if stage.value.eq_ignore_ascii_case(name) => Some((file.path.to_string(), stage.span)),
        _ => None,
    })
}

/// `a/./b/../c` → `a/c`, without a leading `./` or `/`.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// The schema of the value at `keys` (`[]` for a list's entry).
fn schema_at(keys: &[String]) -> Option<usize> {
    let mut at = ROOT;
    for key in keys {
        at = resolve(at)
            .into_iter()
            .find_map(|s| child(&SCHEMAS[s], key))?;
    }
    Some(at)
}

fn child(schema: &Schema, key: &str) -> Option<usize> {
    if key == "[]" {
        return schema.items;
    }
    if let Some((_, index)) = schema.properties.iter().find(|(name, _)| *name == key) {
        return Some(*index);
    }
    schema
        .pattern_properties
        .iter()
        .find_map(|(pattern, index)| {
            let matches = match pattern {
                Pattern::Extension => key.starts_with("x-"),
                _ => true,
            };
            matches.then_some(*index)
        })
}

/// The schema and what it refers to: its `$ref` and its `oneOf` choices.
fn resolve(index: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![index];
    while let Some(at) = stack.pop() {
        if out.contains(&at) || out.len() > 32 {
            continue;
        }
        out.push(at);
        let schema = &SCHEMAS[at];
        stack.extend(schema.reference);
        stack.extend(schema.one_of.iter().rev());
    }
    out
}

fn object_variants(index: usize) -> Vec<usize> {
    resolve(index)
        .into_iter()
        .filter(|&s| SCHEMAS[s].types & OBJECT != 0 || !SCHEMAS[s].properties.is_empty())
        .collect()
}

fn description(index: usize) -> Option<String> {
    resolve(index).into_iter().find_map(|s| {
        DESCRIPTIONS
            .binary_search_by_key(&s, |(i, _)| *i)
            .ok()
            .map(|i| DESCRIPTIONS[i].1.to_string())
    })
}

/// The path of keys to the key at `offset`, and that key's node.
fn key_at<'a>(
    node: &'a Node,
    offset: usize,
    path: &mut Vec<String>,
) -> Option<(Vec<String>, &'a Node)> {
    match &node.value {
        yaml::Value::Map(entries) => {
            for entry in entries.iter().filter(|e| !e.merged) {
                let key = entry.key.as_str()?;
                path.push(key.to_string());
                if entry.key.span.start <= offset && offset <= entry.key.span.end {
                    return Some((path.clone(), &entry.key));
                }
                if entry.value.span.start <= offset && offset <= entry.value.span.end {
                    if let Some(found) = key_at(&entry.value, offset, path) {
                        return Some(found);
                    }
                }
                path.pop();
            }
            None
        }
        yaml::Value::Seq(items) => {
            for item in items {
                if item.span.start <= offset && offset <= item.span.end {
                    path.push("[]".into());
                    let found = key_at(item, offset, path);
                    path.pop();
                    return found;
                }
            }
            None
        }
        yaml::Value::Scalar(_) => None,
    }
}

fn first_sentence(doc: &str) -> String {
    let end = doc.find(". ").map_or(doc.len(), |i| i + 1);
    doc[..end].to_string()
}
