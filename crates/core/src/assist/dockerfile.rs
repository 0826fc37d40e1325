//! Completion, hover, definition, references, rename and outline for a
//! Dockerfile. Stages are named by `FROM … AS name` and referred to by
//! `FROM name`, `COPY/ADD --from=name` and `RUN --mount=…,from=name`;
//! variables are defined by ARG and ENV and referred to as `$NAME` or
//! `${NAME…}`.

use super::docs;
use super::{Completion, Edit, Hover, Kind, Symbol};
use crate::dockerfile::{self, Command, Dockerfile, Instruction};
use crate::span::{clamp_offset, Span};

/// The proposals at byte `offset` of `text`. This runs as the user types:
/// the file is read only where a proposal needs it (a flag, a variable, a
/// stage), never for the words of a command.
pub fn complete(text: &str, offset: usize) -> Vec<Completion> {
    let offset = clamp_offset(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let trimmed = prefix.trim_start();
    let word_start = offset - word_before(prefix).len();
    let word = &text[word_start..offset];

    if trimmed.starts_with('#') {
        return comment_completions(text, line_start, prefix, offset);
    }
    let escape = escape_of(text);
    let continued = continues_previous(text, line_start, escape);
    let after_onbuild = trimmed
        .get(..8)
        .is_some_and(|w| w.eq_ignore_ascii_case("ONBUILD "));
    if (!continued && trimmed.chars().all(|c| c.is_ascii_alphabetic()))
        || (after_onbuild
            && word_start > line_start
            && text[line_start..word_start]
                .trim()
                .eq_ignore_ascii_case("ONBUILD"))
    {
        return keywords(word, Span::new(word_start, offset));
    }
    let from_line = logical_line_start(text, line_start, escape)
        .get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("FROM ") || w.eq_ignore_ascii_case("FROM\t"));
    if !(word.contains('$') || word.starts_with("--") || from_line) {
        return Vec::new();
    }
    let parsed = dockerfile::parse(text);
    // The syntax node, not the typed instruction: a half-typed one (`COPY
    // --`) does not build yet.
    let Some(node) = node_at(&parsed, offset) else {
        return Vec::new();
    };
    let Some(keyword) = node.kind.map(|k| k.as_str()) else {
        return Vec::new();
    };
    let start = node.span.start;
    if let Some(dollar) = word.rfind('$') {
        let name_start = word_start + dollar + 1 + usize::from(word[dollar + 1..].starts_with('{'));
        return variables(&parsed, text, offset, Span::new(name_start, offset));
    }
    if let Some(flag) = word.strip_prefix("--") {
        let Some((name, value)) = flag.split_once('=') else {
            return flags(keyword, word, Span::new(word_start, offset));
        };
        let value_start = offset - value.len();
        return flag_values(&parsed, keyword, start, name, value, value_start, offset);
    }
    // `FROM ` then a stage or an image; `FROM image ` then `AS`.
    if keyword == "FROM" {
        match node.args.first() {
            Some(image) if word_start >= image.span.end => {
                if "as".starts_with(&word.to_ascii_lowercase()) && node.args.len() <= 2 {
                    return vec![Completion {
                        label: "AS".into(),
                        kind: Kind::Keyword,
                        detail: "names the stage".into(),
                        insert: "AS ".into(),
                        replace: Span::new(word_start, offset),
                    }];
                }
            }
            _ => return stages_before(&parsed, start, Span::new(word_start, offset), word),
        }
    }
    Vec::new()
}

/// The syntax node of the instruction at `offset` (an ONBUILD's trigger
/// when the cursor is in it).
fn node_at(parsed: &Dockerfile, offset: usize) -> Option<&crate::dockerfile::Node> {
    let found = parsed
        .nodes
        .iter()
        .rev()
        .find(|n| n.span.start <= offset && offset <= n.span.end + 1)?;
    match &found.trigger {
        Some(trigger) if trigger.span.start <= offset => Some(trigger),
        _ => Some(found),
    }
}

/// What the word at `offset` is.
pub fn hover(text: &str, offset: usize) -> Option<Hover> {
    let offset = clamp_offset(text, offset);
    let parsed = dockerfile::parse(text);
    let instruction = instruction_at(&parsed, offset)?;
    let node = &parsed.nodes[instruction.node];
    if node.keyword.span.start <= offset && offset <= node.keyword.span.end {
        let keyword = instruction.keyword.as_str();
        let doc = docs::instruction(keyword)?;
        return Some(Hover {
            span: node.keyword.span,
            markdown: format!(
                "**{keyword}**\n\n{doc}\n\n[Dockerfile reference]({})",
                docs::reference_url(keyword)
            ),
        });
    }
    if let Some(target) = target_at(&parsed, text, offset) {
        return Some(Hover {
            span: target.span,
            markdown: describe(&parsed, text, &target),
        });
    }
    let flag = instruction
        .flags
        .iter()
        .find(|f| f.span.start <= offset && offset <= f.span.end)?;
    let (keyword, name, doc, _) = docs::flag(instruction.keyword.as_str(), &flag.name)?;
    Some(Hover {
        span: flag.span,
        markdown: format!(
            "**{keyword} --{name}**\n\n{doc}\n\n[Dockerfile reference]({})",
            docs::reference_url(keyword)
        ),
    })
}

/// Where the stage or variable at `offset` is defined.
pub fn definition(text: &str, offset: usize) -> Option<Span> {
    let parsed = dockerfile::parse(text);
    let target = target_at(&parsed, text, clamp_offset(text, offset))?;
    match target.what {
        What::Stage => stage_definition(&parsed, &target.name),
        What::Variable => variable_definition(&parsed, text, &target.name, target.span.start),
        What::Heredoc => occurrences(&parsed, text, What::Heredoc)
            .into_iter()
            .find(|o| o.definition && o.name == target.name)
            .map(|o| o.span),
    }
}

/// Every place the stage or variable at `offset` is defined or used, in
/// text order.
pub fn references(text: &str, offset: usize) -> Vec<Span> {
    let parsed = dockerfile::parse(text);
    let Some(target) = target_at(&parsed, text, clamp_offset(text, offset)) else {
        return Vec::new();
    };
    let mut spans: Vec<Span> = occurrences(&parsed, text, target.what)
        .into_iter()
        .filter(|o| o.name == target.name)
        .map(|o| o.span)
        .collect();
    crate::sort::sort_by_key(&mut spans, |s| s.start);
    spans.dedup();
    spans
}

/// The edits that rename the stage or variable at `offset` everywhere, or
/// why it cannot be renamed so.
pub fn rename(text: &str, offset: usize, new_name: &str) -> Result<Vec<Edit>, String> {
    let parsed = dockerfile::parse(text);
    let target = target_at(&parsed, text, clamp_offset(text, offset))
        .ok_or("Only a stage, a variable or a heredoc's delimiter can be renamed here.")?;
    match target.what {
        What::Stage => {
            let valid = new_name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase())
                && new_name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c));
            if !valid {
                return Err(format!(
                    "'{new_name}' is not a stage name: a lower-case letter, then letters, digits, '-', '_' or '.'"
                ));
            }
            if parsed
                .stages
                .iter()
                .any(|s| s.name.as_deref() == Some(new_name))
            {
                return Err(format!("A stage is already named '{new_name}'."));
            }
        }
        What::Variable => {
            let valid = new_name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && new_name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(format!(
                    "'{new_name}' is not a variable name: a letter or '_', then letters, digits or '_'"
                ));
            }
        }
        What::Heredoc => {
            let valid = !new_name.is_empty()
                && new_name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(format!(
                    "'{new_name}' is not a heredoc delimiter: letters, digits or '_'"
                ));
            }
        }
    }
    Ok(references(text, offset)
        .into_iter()
        .map(|span| Edit {
            span,
            text: new_name.to_string(),
        })
        .collect())
}

/// The stage named at `offset` (its definition or a reference), if any.
pub fn stage_at(text: &str, offset: usize) -> Option<String> {
    let parsed = dockerfile::parse(text);
    target_at(&parsed, text, clamp_offset(text, offset))
        .filter(|t| t.what == What::Stage)
        .map(|t| t.name)
}

/// The stages, each with its instructions.
pub fn outline(text: &str) -> Vec<Symbol> {
    let parsed = dockerfile::parse(text);
    parsed
        .stages
        .iter()
        .map(|stage| {
            let from = &parsed.instructions[stage.from];
            let last = stage
                .instructions
                .last()
                .map_or(from.span, |&i| parsed.instructions[i].span);
            let (name, selection) = match &from.command {
                Command::From {
                    stage_name: Some(name),
                    ..
                } => (name.value.clone(), name.span),
                _ => (
                    stage.name.clone().unwrap_or_else(|| stage.base.clone()),
                    parsed.nodes[from.node].keyword.span,
                ),
            };
            let children = stage
                .instructions
                .iter()
                .map(|&i| {
                    let instruction = &parsed.instructions[i];
                    let node = &parsed.nodes[instruction.node];
                    // What follows the keyword, shortened.
                    let rest = node
                        .original
                        .trim_start()
                        .split_once(char::is_whitespace)
                        .map_or("", |(_, rest)| rest.trim_start());
                    let line: String = rest.chars().take(60).collect();
                    Symbol {
                        name: instruction.keyword.as_str().to_string(),
                        detail: line,
                        span: instruction.span,
                        selection: node.keyword.span,
                        children: Vec::new(),
                    }
                })
                .collect();
            Symbol {
                name,
                detail: format!("FROM {}", stage.base),
                span: from.span.cover(last),
                selection,
                children,
            }
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum What {
    Stage,
    Variable,
    /// A heredoc's delimiter: `<<EOF` and its closing line. Each heredoc is
    /// its own name (`EOF@offset`), however many share the word.
    Heredoc,
}

/// A stage or variable named at a place of the text.
#[derive(Debug)]
struct Target {
    what: What,
    name: String,
    span: Span,
}

struct Occurrence {
    name: String,
    span: Span,
    definition: bool,
}

fn target_at(parsed: &Dockerfile, text: &str, offset: usize) -> Option<Target> {
    [What::Stage, What::Variable, What::Heredoc]
        .into_iter()
        .find_map(|what| {
            occurrences(parsed, text, what)
                .into_iter()
                .find(|o| o.span.start <= offset && offset <= o.span.end)
                .map(|o| Target {
                    what,
                    name: o.name,
                    span: o.span,
                })
        })
}

/// Where stages or variables are named, definitions and uses.
fn occurrences(parsed: &Dockerfile, text: &str, what: What) -> Vec<Occurrence> {
    let mut out = Vec::new();
    match what {
        What::Stage => {
            let mut named: Vec<String> = Vec::new();
            for instruction in &parsed.instructions {
                if let Command::From {
                    image, stage_name, ..
                } = &instruction.command
                {
                    let lower = image.value.to_ascii_lowercase();
                    if named.contains(&lower) {
                        out.push(Occurrence {
                            name: lower,
                            span: image.span,
                            definition: false,
                        });
                    }
                    if let Some(name) = stage_name {
                        let lower = name.value.to_ascii_lowercase();
                        out.push(Occurrence {
                            name: lower.clone(),
                            span: name.span,
                            definition: true,
                        });
                        named.push(lower);
                    }
                }
                for (value, span) in instruction.from_references() {
                    let lower = value.to_ascii_lowercase();
                    if !named.contains(&lower)
                        && parsed
                            .stages
                            .iter()
                            .all(|s| s.name.as_deref() != Some(&lower))
                    {
                        continue;
                    }
                    if let Some(at) = value_in(text, span, value) {
                        out.push(Occurrence {
                            name: lower,
                            span: at,
                            definition: false,
                        });
                    }
                }
            }
        }
        What::Heredoc => {
            for node in &parsed.nodes {
                let mut from = node.span.start;
                for heredoc in &node.heredocs {
                    let id = format!("{}@{}", heredoc.name, heredoc.span.start);
                    // `<<NAME`, `<<-NAME`, `<<"NAME"` on the instruction's lines.
                    let opening = text.get(from..heredoc.span.start).and_then(|head| {
                        head.match_indices("<<").find_map(|(i, _)| {
                            let rest = head[i + 2..].trim_start_matches('-');
                            let rest = rest.trim_start_matches(['"', '\'']);
                            rest.starts_with(&heredoc.name)
                                .then(|| from + head.len() - rest.len())
                        })
                    });
                    let Some(start) = opening else { continue };
                    out.push(Occurrence {
                        name: id.clone(),
                        span: Span::new(start, start + heredoc.name.len()),
                        definition: true,
                    });
                    from = start + heredoc.name.len();
                    // The closing line: the body's last line.
                    let body = text.get(heredoc.span.start..heredoc.span.end).unwrap_or("");
                    let trimmed = body.trim_end_matches(['\n', '\r']);
                    let last = trimmed.rfind('\n').map_or(0, |i| i + 1);
                    let line = &trimmed[last..];
                    if let Some(at) = line.find(&heredoc.name) {
                        let start = heredoc.span.start + last + at;
                        out.push(Occurrence {
                            name: id,
                            span: Span::new(start, start + heredoc.name.len()),
                            definition: false,
                        });
                    }
                }
            }
        }
        What::Variable => {
            for instruction in &parsed.instructions {
                match &instruction.command {
                    Command::Arg { args } => out.extend(args.iter().map(|a| Occurrence {
                        name: a.name.value.clone(),
                        span: a.name.span,
                        definition: true,
                    })),
                    Command::Env { pairs } => out.extend(pairs.iter().map(|p| Occurrence {
                        name: p.key.value.clone(),
                        span: p.key.span,
                        definition: true,
                    })),
                    _ => {}
                }
                for (name, span) in variable_uses(text, instruction.span, parsed.escape) {
                    out.push(Occurrence {
                        name,
                        span,
                        definition: false,
                    });
                }
            }
        }
    }
    out
}

/// `$NAME` and `${NAME…}` in a span of the text: the names and their spans.
fn variable_uses(text: &str, span: Span, escape: char) -> Vec<(String, Span)> {
    let Some(part) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let bytes = part.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] as char == escape && escape.is_ascii() {
            i += 2;
            continue;
        }
        if bytes[i] == b'$' {
            let braced = bytes.get(i + 1) == Some(&b'{');
            let start = i + 1 + usize::from(braced);
            let mut end = start;
            while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
                end += 1;
            }
            let name = &part[start..end];
            if name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
                out.push((
                    name.to_string(),
                    Span::new(span.start + start, span.start + end),
                ));
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// The span of `value` inside a flag or mount written at `span`.
fn value_in(text: &str, span: Span, value: &str) -> Option<Span> {
    let written = text.get(span.start..span.end)?;
    if let Some(rest) = written.strip_suffix(value) {
        if rest.ends_with('=') {
            return Some(Span::new(span.end - value.len(), span.end));
        }
    }
    let at = written.find(&format!("from={value}"))? + 5;
    Some(Span::new(span.start + at, span.start + at + value.len()))
}

fn stage_definition(parsed: &Dockerfile, name: &str) -> Option<Span> {
    parsed.instructions.iter().find_map(|i| match &i.command {
        Command::From {
            stage_name: Some(stage),
            ..
        } if stage.value.eq_ignore_ascii_case(name) => Some(stage.span),
        _ => None,
    })
}

/// The ARG or ENV that sets `name` for a use at `at`: the last one before
/// it in the same stage, else a global ARG.
fn variable_definition(parsed: &Dockerfile, text: &str, name: &str, at: usize) -> Option<Span> {
    let stage_start = parsed
        .stages
        .iter()
        .map(|s| parsed.instructions[s.from].span.start)
        .filter(|&s| s <= at)
        .max()
        .unwrap_or(0);
    let definitions: Vec<Occurrence> = occurrences(parsed, text, What::Variable)
        .into_iter()
        .filter(|o| o.definition && o.name == name && o.span.start <= at)
        .collect();
    let first_from = parsed
        .instructions
        .get(parsed.first_from())
        .map_or(usize::MAX, |i| i.span.start);
    definitions
        .iter()
        .rev()
        .find(|o| o.span.start >= stage_start)
        .or_else(|| definitions.iter().rev().find(|o| o.span.start < first_from))
        .map(|o| o.span)
}

fn describe(parsed: &Dockerfile, text: &str, target: &Target) -> String {
    match target.what {
        What::Stage => {
            let stage = parsed
                .stages
                .iter()
                .find(|s| s.name.as_deref() == Some(target.name.as_str()));
            match stage {
                Some(stage) => format!(
                    "**stage `{}`**\n\nFROM `{}`, {} instruction(s)",
                    target.name,
                    stage.base,
                    stage.instructions.len()
                ),
                None => format!("**stage `{}`**", target.name),
            }
        }
        What::Heredoc => format!(
            "**heredoc `{}`**\n\nThe lines up to the one that holds only `{}` are given to the instruction.",
            target.name.split('@').next().unwrap_or(""),
            target.name.split('@').next().unwrap_or("")
        ),
        What::Variable => {
            let platform = docs::PLATFORM_ARGS
                .iter()
                .find(|(n, _)| *n == target.name)
                .map(|(_, doc)| format!("\n\n{doc}"))
                .unwrap_or_default();
            match variable_definition(parsed, text, &target.name, target.span.start) {
                Some(span) => {
                    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                    let line_end = text[span.start..]
                        .find('\n')
                        .map_or(text.len(), |i| span.start + i);
                    let line = crate::span::LineIndex::new(text).line_col(span.start).line;
                    format!(
                        "**`{}`**\n\nSet on line {line}: `{}`{platform}",
                        target.name,
                        text[line_start..line_end].trim()
                    )
                }
                None => format!("**`{}`**\n\nNot set in this stage.{platform}", target.name),
            }
        }
    }
}

fn instruction_at(parsed: &Dockerfile, offset: usize) -> Option<&Instruction> {
    let found = parsed
        .instructions
        .iter()
        .rev()
        .find(|i| i.span.start <= offset && offset <= i.span.end + 1)?;
    // An ONBUILD's trigger is the instruction typed.
    match &found.command {
        Command::Onbuild {
            trigger: Some(trigger),
        } if trigger.span.start <= offset => Some(trigger),
        _ => Some(found),
    }
}

fn keywords(word: &str, replace: Span) -> Vec<Completion> {
    docs::INSTRUCTIONS
        .iter()
        .filter(|(k, _)| k.starts_with(&word.to_ascii_uppercase()))
        .filter(|(k, _)| *k != "MAINTAINER")
        .map(|(k, doc)| Completion {
            label: k.to_string(),
            kind: Kind::Keyword,
            detail: first_sentence(doc),
            insert: format!("{k} "),
            replace,
        })
        .collect()
}

fn flags(keyword: &str, typed: &str, replace: Span) -> Vec<Completion> {
    docs::FLAGS
        .iter()
        .filter(|(k, name, _, _)| *k == keyword && format!("--{name}").starts_with(typed))
        .map(|(_, name, doc, _)| Completion {
            label: format!("--{name}"),
            kind: Kind::Flag,
            detail: first_sentence(doc),
            insert: if matches!(*name, "link" | "parents") {
                format!("--{name} ")
            } else {
                format!("--{name}=")
            },
            replace,
        })
        .collect()
}

fn flag_values(
    parsed: &Dockerfile,
    keyword: &str,
    start: usize,
    name: &str,
    value: &str,
    value_start: usize,
    offset: usize,
) -> Vec<Completion> {
    if name == "from" && matches!(keyword, "COPY" | "ADD") {
        return stages_before(parsed, start, Span::new(value_start, offset), value);
    }
    if name == "mount" && keyword == "RUN" {
        return mount_values(parsed, start, value, value_start, offset);
    }
    let Some((_, _, _, values)) = docs::flag(keyword, name) else {
        return Vec::new();
    };
    values
        .iter()
        .filter(|v| v.starts_with(value))
        .map(|v| Completion {
            label: v.to_string(),
            kind: Kind::Value,
            detail: format!("--{name}"),
            insert: v.to_string(),
            replace: Span::new(value_start, offset),
        })
        .collect()
}

fn mount_values(
    parsed: &Dockerfile,
    start: usize,
    value: &str,
    value_start: usize,
    offset: usize,
) -> Vec<Completion> {
    let segment_start = value.rfind(',').map_or(0, |i| i + 1);
    let segment = &value[segment_start..];
    let at = value_start + segment_start;
    let mount_type = value
        .split(',')
        .find_map(|field| field.strip_prefix("type="))
        .unwrap_or("bind");
    match segment.split_once('=') {
        None => docs::MOUNT_KEYS
            .iter()
            .filter(|(t, key, _)| (t.is_empty() || *t == mount_type) && key.starts_with(segment))
            .map(|(_, key, doc)| Completion {
                label: key.to_string(),
                kind: Kind::Value,
                detail: first_sentence(doc),
                insert: format!("{key}="),
                replace: Span::new(at, offset),
            })
            .collect(),
        Some((key, typed)) => {
            let replace = Span::new(at + key.len() + 1, offset);
            let choices: &[&str] = match key {
                "type" => &["bind", "cache", "tmpfs", "secret", "ssh"],
                "sharing" => &["shared", "private", "locked"],
                "from" => return stages_before(parsed, start, replace, typed),
                _ => &[],
            };
            choices
                .iter()
                .filter(|c| c.starts_with(typed))
                .map(|c| Completion {
                    label: c.to_string(),
                    kind: Kind::Value,
                    detail: format!("--mount {key}"),
                    insert: c.to_string(),
                    replace,
                })
                .collect()
        }
    }
}

/// Stages named before `before`, for `--from=`, `from=` and `FROM`.
fn stages_before(
    parsed: &Dockerfile,
    before: usize,
    replace: Span,
    typed: &str,
) -> Vec<Completion> {
    parsed
        .stages
        .iter()
        .filter(|s| parsed.instructions[s.from].span.start < before)
        .filter_map(|s| Some((s.name.as_deref()?, s)))
        .filter(|(name, _)| name.starts_with(&typed.to_ascii_lowercase()))
        .map(|(name, stage)| Completion {
            label: name.to_string(),
            kind: Kind::Stage,
            detail: format!("stage FROM {}", stage.base),
            insert: name.to_string(),
            replace,
        })
        .collect()
}

/// ARG and ENV names set before `offset` (the stage's and global ARGs),
/// and BuildKit's platform arguments.
fn variables(parsed: &Dockerfile, text: &str, offset: usize, replace: Span) -> Vec<Completion> {
    let typed = &text[replace.start..replace.end];
    let mut names: Vec<(String, String)> = Vec::new();
    for o in occurrences(parsed, text, What::Variable) {
        if o.definition && o.span.end <= offset && !names.iter().any(|(n, _)| *n == o.name) {
            let line = crate::span::LineIndex::new(text)
                .line_col(o.span.start)
                .line;
            names.push((o.name, format!("set on line {line}")));
        }
    }
    for (name, doc) in docs::PLATFORM_ARGS {
        if !names.iter().any(|(n, _)| n == name) {
            names.push((name.to_string(), first_sentence(doc)));
        }
    }
    names
        .into_iter()
        .filter(|(n, _)| n.starts_with(typed))
        .map(|(name, detail)| Completion {
            label: name.clone(),
            kind: Kind::Variable,
            detail,
            insert: name,
            replace,
        })
        .collect()
}

/// Rule ids after `# hadolint ignore=`, `# dockwright ignore=` or
/// `# check=skip=`; parser directives at the top of the file.
fn comment_completions(
    text: &str,
    line_start: usize,
    prefix: &str,
    offset: usize,
) -> Vec<Completion> {
    let body = prefix.trim_start().trim_start_matches('#').trim_start();
    let lower = body.to_ascii_lowercase();
    for marker in ["hadolint ignore=", "dockwright ignore=", "check=skip="] {
        if let Some(list) = lower.strip_prefix(marker) {
            let typed_start = list.rfind(',').map_or(0, |i| i + 1);
            let typed = &body[marker.len() + typed_start..];
            let replace = Span::new(offset - typed.len(), offset);
            return crate::rules::registry::all()
                .flat_map(|m| {
                    std::iter::once(m.code)
                        .chain(m.aliases.iter().copied())
                        .map(move |id| (id, m.summary))
                })
                .filter(|(id, _)| {
                    id.to_ascii_lowercase()
                        .starts_with(&typed.to_ascii_lowercase())
                })
                .map(|(id, summary)| Completion {
                    label: id.to_string(),
                    kind: Kind::Rule,
                    detail: summary.to_string(),
                    insert: id.to_string(),
                    replace,
                })
                .collect();
        }
    }
    let before_instructions = text[..line_start]
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if before_instructions && body.chars().all(|c| c.is_ascii_alphabetic()) {
        let replace = Span::new(offset - body.len(), offset);
        return [
            ("syntax=", "the BuildKit frontend: docker/dockerfile:1"),
            ("escape=", "the escape character: \\ (default) or `"),
            ("check=", "build checks: skip=RULE,… or error=true"),
        ]
        .iter()
        .filter(|(d, _)| d.starts_with(&lower))
        .map(|(d, detail)| Completion {
            label: d.trim_end_matches('=').to_string(),
            kind: Kind::Directive,
            detail: detail.to_string(),
            insert: d.to_string(),
            replace,
        })
        .collect();
    }
    Vec::new()
}

/// The escape character the parser directives set (`# escape=` before any
/// instruction), else `\`.
fn escape_of(text: &str) -> char {
    for line in text.lines() {
        let Some(directive) = line.trim().strip_prefix('#') else {
            break;
        };
        let directive = directive.trim();
        if let Some(value) = directive.strip_prefix("escape=") {
            return if value.trim() == "`" { '`' } else { '\\' };
        }
        if !directive.contains('=') {
            break;
        }
    }
    '\\'
}

/// The text of the instruction's first line, for a line that may continue
/// an instruction begun above.
fn logical_line_start(text: &str, line_start: usize, escape: char) -> &str {
    let mut start = line_start;
    while start > 0 && continues_previous(text, start, escape) {
        // Back over comment lines inside the continuation, to the line above.
        let mut above = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        while above > 0 && text[above..].trim_start().starts_with('#') {
            above = text[..above - 1].rfind('\n').map_or(0, |i| i + 1);
        }
        start = above;
    }
    text[start..].trim_start()
}

/// The line starting at `line_start` continues an instruction: the last
/// line above that is not a comment ends with the escape character.
fn continues_previous(text: &str, line_start: usize, escape: char) -> bool {
    let mut end = line_start;
    while end > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end - 1].trim_end_matches(['\r', ' ', '\t']);
        if !line.trim_start().starts_with('#') || line.trim().is_empty() {
            return line.ends_with(escape);
        }
        end = start;
    }
    false
}

/// The letters, digits and `-$={}_.,/:` right before the cursor: the word typed.
fn word_before(prefix: &str) -> &str {
    let start = prefix
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || *c == '"' || *c == '[')
        .map_or(0, |(i, c)| i + c.len_utf8());
    &prefix[start..]
}

fn first_sentence(doc: &str) -> String {
    let end = doc.find(". ").map_or(doc.len(), |i| i + 1);
    doc[..end].replace('`', "")
}
