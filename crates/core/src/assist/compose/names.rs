//! Names a compose file gives and refers to: services, networks, volumes,
//! secrets and configs (a key under their top-level section, and the places
//! services name them), and YAML anchors (`&name`, `*name`). Definition,
//! references and rename work on all of them.

use crate::assist::Edit;
use crate::span::Span;
use crate::yaml::{self, Node, Value};

/// What a name names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Services,
    Networks,
    Volumes,
    Secrets,
    Configs,
    Anchor,
}

impl Section {
    const TOP_LEVEL: [Section; 5] = [
        Section::Services,
        Section::Networks,
        Section::Volumes,
        Section::Secrets,
        Section::Configs,
    ];

    fn key(self) -> &'static str {
        match self {
            Section::Services => "services",
            Section::Networks => "networks",
            Section::Volumes => "volumes",
            Section::Secrets => "secrets",
            Section::Configs => "configs",
            Section::Anchor => "",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Section::Services => "service",
            Section::Networks => "network",
            Section::Volumes => "volume",
            Section::Secrets => "secret",
            Section::Configs => "config",
            Section::Anchor => "anchor",
        }
    }
}

/// A name written in the file: where, and whether it is the definition.
struct Occurrence {
    section: Section,
    name: String,
    span: Span,
    definition: bool,
}

/// Where the name at `offset` is defined.
pub fn definition(text: &str, offset: usize) -> Option<Span> {
    let all = occurrences(text);
    let target = at(&all, offset)?;
    all.iter()
        .find(|o| o.definition && o.section == target.section && o.name == target.name)
        .map(|o| o.span)
}

/// Every place the name at `offset` is defined or used, in text order.
pub fn references(text: &str, offset: usize) -> Vec<Span> {
    let all = occurrences(text);
    let Some(target) = at(&all, offset) else {
        return Vec::new();
    };
    let mut spans: Vec<Span> = all
        .iter()
        .filter(|o| o.section == target.section && o.name == target.name)
        .map(|o| o.span)
        .collect();
    crate::sort::sort_by_key(&mut spans, |s| s.start);
    spans.dedup();
    spans
}

/// The edits that rename the name at `offset` everywhere.
pub fn rename(text: &str, offset: usize, new_name: &str) -> Result<Vec<Edit>, String> {
    let all = occurrences(text);
    let target = at(&all, offset)
        .ok_or("Only a service, network, volume, secret, config or anchor can be renamed here.")?;
    let noun = target.section.noun();
    let valid = match target.section {
        Section::Anchor => {
            !new_name.is_empty()
                && !new_name
                    .chars()
                    .any(|c| c.is_whitespace() || ",[]{}".contains(c))
        }
        _ => {
            new_name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
                && new_name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        }
    };
    if !valid {
        return Err(format!(
            "'{new_name}' is not a {noun} name: letters, digits, '.', '_' or '-', starting with a letter or digit"
        ));
    }
    if all
        .iter()
        .any(|o| o.definition && o.section == target.section && o.name == new_name)
    {
        return Err(format!("A {noun} is already named '{new_name}'."));
    }
    Ok(references(text, offset)
        .into_iter()
        .map(|span| Edit {
            span,
            text: new_name.to_string(),
        })
        .collect())
}

/// A service, network, volume, secret or config named at `offset`: the
/// section's key (`services`, …) and the name. Anchors are the file's own.
pub fn name_at(text: &str, offset: usize) -> Option<(&'static str, String)> {
    let all = occurrences(text);
    let found = at(&all, offset)?;
    (found.section != Section::Anchor).then(|| (found.section.key(), found.name.clone()))
}

/// The edits that rename `name` of the section `key` in another file of
/// the project (an override file that names the same service).
pub fn rename_named(text: &str, key: &str, name: &str, new_name: &str) -> Vec<Edit> {
    occurrences(text)
        .into_iter()
        .filter(|o| o.section.key() == key && o.section != Section::Anchor && o.name == name)
        .map(|o| Edit {
            span: o.span,
            text: new_name.to_string(),
        })
        .collect()
}

fn at(all: &[Occurrence], offset: usize) -> Option<&Occurrence> {
    all.iter()
        .find(|o| o.span.start <= offset && offset <= o.span.end)
}

/// Every name written in the file.
fn occurrences(text: &str) -> Vec<Occurrence> {
    let mut out = anchors(text);
    let Some(root) = yaml::parse(text).root else {
        return out;
    };
    for section in Section::TOP_LEVEL {
        if let Some(defined) = root.get(section.key()) {
            for entry in defined.entries().iter().filter(|e| !e.merged) {
                if let Some(name) = entry.key.as_str() {
                    push(&mut out, text, section, &entry.key, name, true);
                }
            }
        }
    }
    let Some(services) = root.get("services") else {
        return out;
    };
    let services: Vec<&Node> = services
        .entries()
        .iter()
        .filter(|e| !e.merged)
        .map(|e| &e.value)
        .collect();
    for service in services {
        uses_in_service(&mut out, text, service);
    }
    // Only names that are defined are references (an external network
    // declared elsewhere, a bind path, are not).
    let defined: Vec<(Section, String)> = out
        .iter()
        .filter(|o| o.definition)
        .map(|o| (o.section, o.name.clone()))
        .collect();
    out.retain(|o| o.definition || defined.contains(&(o.section, o.name.clone())));
    out
}

fn uses_in_service(out: &mut Vec<Occurrence>, text: &str, service: &Node) {
    // depends_on: a list, or a mapping of conditions.
    if let Some(depends_on) = service.get("depends_on") {
        names_in(out, text, Section::Services, depends_on);
    }
    for list in ["links", "volumes_from"] {
        if let Some(Value::Seq(items)) = service.get(list).map(|n| &n.value) {
            for item in items {
                if let Some(value) = item.as_str() {
                    let name = value.strip_prefix("service:").unwrap_or(value);
                    let name = name.split(':').next().unwrap_or(name);
                    push(out, text, Section::Services, item, name, false);
                }
            }
        }
    }
    if let Some(extends) = service.get("extends") {
        if extends.get("file").is_none() {
            if let Some(node) = extends.get("service") {
                if let Some(name) = node.as_str() {
                    push(out, text, Section::Services, node, name, false);
                }
            }
        }
    }
    for key in ["network_mode", "pid", "ipc"] {
        if let Some(mode) = service.get(key) {
            if let Some(name) = mode.as_str().and_then(|m| m.strip_prefix("service:")) {
                push(out, text, Section::Services, mode, name, false);
            }
        }
    }
    if let Some(networks) = service.get("networks") {
        names_in(out, text, Section::Networks, networks);
    }
    for (key, section) in [("secrets", Section::Secrets), ("configs", Section::Configs)] {
        if let Some(Value::Seq(items)) = service.get(key).map(|n| &n.value) {
            for item in items {
                match item.as_str() {
                    Some(name) => push(out, text, section, item, name, false),
                    None => {
                        if let Some(source) = item.get("source") {
                            if let Some(name) = source.as_str() {
                                push(out, text, section, source, name, false);
                            }
                        }
                    }
                }
            }
        }
    }
    if let Some(Value::Seq(items)) = service.get("volumes").map(|n| &n.value) {
        for item in items {
            match item.as_str() {
                // `name:/path[:mode]`: a named volume when the source is
                // not a path.
                Some(short) => {
                    let source = short.split(':').next().unwrap_or("");
                    if short.contains(':') && !source.starts_with(['.', '/', '~', '$']) {
                        push(out, text, Section::Volumes, item, source, false);
                    }
                }
                None => {
                    let is_volume = item
                        .get("type")
                        .and_then(Node::as_str)
                        .is_none_or(|t| t == "volume");
                    if let (true, Some(source)) = (is_volume, item.get("source")) {
                        if let Some(name) = source.as_str() {
                            push(out, text, Section::Volumes, source, name, false);
                        }
                    }
                }
            }
        }
    }
}

/// Names as a list's scalars, or a mapping's keys.
fn names_in(out: &mut Vec<Occurrence>, text: &str, section: Section, node: &Node) {
    match &node.value {
        Value::Seq(items) => {
            for item in items {
                if let Some(name) = item.as_str() {
                    push(out, text, section, item, name, false);
                }
            }
        }
        Value::Map(entries) => {
            for entry in entries.iter().filter(|e| !e.merged) {
                if let Some(name) = entry.key.as_str() {
                    push(out, text, section, &entry.key, name, false);
                }
            }
        }
        Value::Scalar(_) => {}
    }
}

/// The name inside the node as written (quotes, a prefix such as
/// `service:`): its exact span.
fn push(
    out: &mut Vec<Occurrence>,
    text: &str,
    section: Section,
    node: &Node,
    name: &str,
    definition: bool,
) {
    let Some(written) = text.get(node.span.start..node.span.end) else {
        return;
    };
    if name.is_empty() {
        return;
    }
    // The first occurrence bounded by non-name characters.
    let bounded = |i: usize| {
        let before = written[..i].chars().next_back();
        let after = written[i + name.len()..].chars().next();
        let is_name = |c: char| c.is_ascii_alphanumeric() || "._-".contains(c);
        !before.is_some_and(is_name) && !after.is_some_and(is_name)
    };
    if let Some((i, _)) = written.match_indices(name).find(|(i, _)| bounded(*i)) {
        let start = node.span.start + i;
        out.push(Occurrence {
            section,
            name: name.to_string(),
            span: Span::new(start, start + name.len()),
            definition,
        });
    }
}

/// `&name` and `*name` outside quotes and comments.
fn anchors(text: &str) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let mut quote: Option<u8> = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None => match b {
                    b'"' | b'\'' if i == 0 || b" [{,:-".contains(&bytes[i - 1]) => quote = Some(b),
                    b'#' if i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t' => break,
                    b'&' | b'*' if i == 0 || b" [{,-:".contains(&bytes[i - 1]) => {
                        let start = i + 1;
                        let mut end = start;
                        while end < bytes.len() && !b" \t\r\n,[]{}".contains(&bytes[end]) {
                            end += 1;
                        }
                        // A name starts with a letter, digit or `_`: `&&`
                        // in a command is not an anchor.
                        if end > start
                            && (bytes[start].is_ascii_alphanumeric() || bytes[start] == b'_')
                        {
                            out.push(Occurrence {
                                section: Section::Anchor,
                                name: line[start..end].to_string(),
                                span: Span::new(offset + start, offset + end),
                                definition: b == b'&',
                            });
                        }
                        i = end;
                        continue;
                    }
                    _ => {}
                },
            }
            i += 1;
        }
        offset += line.len();
    }
    out
}
