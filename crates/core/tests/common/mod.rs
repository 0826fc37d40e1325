//! What several test files share.
#![allow(dead_code)]

use std::path::Path;

/// Every file under `dir` as (`/`-separated path from `dir`, text), sorted.
pub fn files_under(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                out.push((relative, text));
            }
        }
    }
    out.sort();
    out
}

/// A small deterministic generator (splitmix64) for the mutation tests.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The invariant every host relies on: a span lies inside its text, on char
/// boundaries.
pub fn assert_span(text: &str, span: dockwright_core::Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: {span:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} splits a char"
    );
}

/// A finding as the expected files show it:
/// `line:col-line:col severity code "text": message`.
pub fn render_finding(text: &str, d: &dockwright_core::Diagnostic) -> String {
    let index = dockwright_core::LineIndex::new(text);
    let (s, e) = (index.line_col(d.span.start), index.line_col(d.span.end));
    format!(
        "{}:{}-{}:{} {} {} {:?}: {}",
        s.line,
        s.column,
        e.line,
        e.column,
        d.severity.as_str(),
        d.code,
        &text[d.span.start..d.span.end],
        d.message
    )
}

/// A folder of `../shared/corpus` (beside the checkout), or `None` with a
/// message when it is absent.
pub fn shared(sub: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(sub);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} is absent (the shared corpus sits beside the checkout)",
            path.display()
        );
        None
    }
}

/// Words of a shell-form command, blanks outside quotes collapsed.
pub fn shell_words(text: &str) -> Vec<String> {
    let mut words = vec![String::new()];
    let mut quote = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, ' ' | '\t' | '\n' | '\r') => {
                if !words.last().unwrap().is_empty() {
                    words.push(String::new());
                }
                continue;
            }
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (_, '\\') => {
                words.last_mut().unwrap().push(c);
                if let Some(next) = chars.next() {
                    words.last_mut().unwrap().push(next);
                }
                continue;
            }
            _ => {}
        }
        words.last_mut().unwrap().push(c);
    }
    words.retain(|w| !w.is_empty());
    words
}

const SHELL_FORM: [&str; 4] = ["run", "cmd", "entrypoint", "healthcheck"];

/// What BuildKit reads of an instruction, for comparison.
pub fn reading(node: &dockwright_core::dockerfile::Node) -> String {
    let keyword = node.keyword.value.to_lowercase();
    let mut args: Vec<String> = if !node.json && SHELL_FORM.contains(&keyword.as_str()) {
        node.args
            .iter()
            .flat_map(|a| shell_words(&a.value))
            .collect()
    } else {
        node.args.iter().map(|a| a.value.clone()).collect()
    };
    // `FROM image AS name`: BuildKit reads the AS keyword in any case.
    if keyword == "from" && args.len() == 3 && args[1].eq_ignore_ascii_case("as") {
        args[1] = "AS".into();
    }
    let flags: Vec<&str> = node.flags.iter().map(|f| f.value.as_str()).collect();
    let heredocs: Vec<(&str, &str)> = node
        .heredocs
        .iter()
        .map(|h| (h.name.as_str(), h.content.as_str()))
        .collect();
    let trigger = node.trigger.as_deref().map(reading).unwrap_or_default();
    format!(
        "{keyword} {flags:?} {args:?} {} {heredocs:?} [{trigger}]",
        node.json
    )
}

/// The formatter's promise for `text` formatted as `out`: BuildKit reads
/// the same instructions (blanks outside quotes in shell-form commands
/// aside), the directives stay, and formatting `out` again changes nothing.
pub fn formatting_keeps_the_build(text: &str, out: &str) -> Result<(), String> {
    use dockwright_core::dockerfile;
    use dockwright_core::format::dockerfile::{format, Options};
    let before = dockerfile::parse(text);
    let after = dockerfile::parse(out);
    if let Some(error) = after.errors.first() {
        return Err(format!("the result does not parse: {}", error.message));
    }
    let a: Vec<String> = before.nodes.iter().map(reading).collect();
    let b: Vec<String> = after.nodes.iter().map(reading).collect();
    if a != b {
        let at = a
            .iter()
            .zip(&b)
            .position(|(x, y)| x != y)
            .unwrap_or(a.len().min(b.len()));
        return Err(format!(
            "BuildKit reads it differently at instruction {at}:\n  before {:?}\n  after  {:?}",
            a.get(at),
            b.get(at)
        ));
    }
    if before.directives.len() != after.directives.len() || before.escape != after.escape {
        return Err("the parser directives changed".into());
    }
    match format(out, &Options::default()) {
        Ok(again) if again == out => Ok(()),
        Ok(_) => Err("not idempotent".into()),
        Err(refusal) => Err(format!("the result is refused: {}", refusal.message)),
    }
}

/// A YAML tree without positions: what a reader of the file gets (keys,
/// scalars with their types, anchors, aliases and merge keys applied).
pub fn yaml_tree(node: &dockwright_core::yaml::Node) -> String {
    use dockwright_core::yaml::Value;
    match &node.value {
        Value::Scalar(s) => format!("{:?}:{:?}", s.kind, s.text),
        Value::Seq(items) => format!(
            "[{}]",
            items.iter().map(yaml_tree).collect::<Vec<_>>().join(",")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|e| format!("{}={}", yaml_tree(&e.key), yaml_tree(&e.value)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}
