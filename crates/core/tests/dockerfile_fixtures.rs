//! Parser tests as data: each `fixtures/dockerfile/NAME.Dockerfile` has its
//! expected reading in `NAME.expected` beside it (BuildKit's dump, every node
//! with the source text under each span, stages, expansions and errors).
//! `UPDATE_EXPECT=1 cargo test` rewrites the expected files; review the diff.

use std::fmt::Write;
use std::path::Path;

use dockwright_core::dockerfile::{self, Dockerfile, Node};
use dockwright_core::{LineIndex, Span};

#[test]
fn dockerfile_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dockerfile");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut checked = 0;
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let actual = check(&text);
        let expected_path = path.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        checked += 1;
        if actual != expected {
            if update {
                std::fs::write(&expected_path, &actual).unwrap();
            } else {
                failures.push(format!("{}:\n{}", path.display(), diff(&expected, &actual)));
            }
        }
    }
    assert!(checked >= 10, "only {checked} fixtures found");
    assert!(
        failures.is_empty(),
        "fixtures differ (UPDATE_EXPECT=1 to accept):\n{}",
        failures.join("\n")
    );
}

/// The one place that calls the parser for fixtures.
fn check(text: &str) -> String {
    let parsed = dockerfile::parse(text);
    let index = LineIndex::new(text);
    let mut out = String::new();
    let at = |span: Span| {
        let (s, e) = (index.line_col(span.start), index.line_col(span.end));
        format!(
            "{}:{}-{}:{} {:?}",
            s.line,
            s.column,
            e.line,
            e.column,
            &text[span.start..span.end]
        )
    };
    writeln!(out, "== dump\n{}", parsed.dump()).unwrap();
    writeln!(out, "== directives").unwrap();
    for d in &parsed.directives {
        writeln!(out, "{} = {:?} at {}", d.name, d.value, at(d.value_span)).unwrap();
    }
    writeln!(out, "== nodes").unwrap();
    for node in &parsed.nodes {
        write_node(&mut out, node, &at, 0);
    }
    write_stages(&mut out, &parsed);
    writeln!(out, "== expansions").unwrap();
    for word in &parsed.expansions.words {
        let original = &text[word.span.start..word.span.end];
        if word.value != original || !word.undefined.is_empty() {
            writeln!(
                out,
                "{} -> {:?} undefined {:?}",
                at(word.span),
                word.value,
                word.undefined
            )
            .unwrap();
        }
    }
    writeln!(out, "== errors").unwrap();
    for error in &parsed.errors {
        writeln!(out, "{} {}: {}", at(error.span), error.code, error.message).unwrap();
    }
    out
}

fn write_node(out: &mut String, node: &Node, at: &dyn Fn(Span) -> String, depth: usize) {
    let pad = "  ".repeat(depth);
    writeln!(
        out,
        "{pad}{} lines {}-{} json={} {}",
        node.name(),
        node.start_line,
        node.end_line,
        node.json,
        at(node.span)
    )
    .unwrap();
    for flag in &node.flags {
        writeln!(out, "{pad}  flag {:?} {}", flag.value, at(flag.span)).unwrap();
    }
    for arg in &node.args {
        writeln!(out, "{pad}  arg {:?} {}", arg.value, at(arg.span)).unwrap();
    }
    for heredoc in &node.heredocs {
        writeln!(
            out,
            "{pad}  heredoc {:?} fd={} expand={} chomp={} content={:?} {}",
            heredoc.name,
            heredoc.fd,
            heredoc.expand,
            heredoc.chomp,
            heredoc.content,
            at(heredoc.span)
        )
        .unwrap();
    }
    for &empty in &node.empty_continuation_lines {
        writeln!(out, "{pad}  empty continuation line {}", at(empty)).unwrap();
    }
    if !node.comments.is_empty() {
        writeln!(out, "{pad}  comments {:?}", node.comments).unwrap();
    }
    if let Some(trigger) = &node.trigger {
        write_node(out, trigger, at, depth + 1);
    }
}

fn write_stages(out: &mut String, parsed: &Dockerfile) {
    writeln!(out, "== stages").unwrap();
    for (i, stage) in parsed.stages.iter().enumerate() {
        let kinds: Vec<&str> = stage
            .instructions
            .iter()
            .map(|&j| parsed.instructions[j].keyword.as_str())
            .collect();
        writeln!(
            out,
            "{i} {:?} from {:?}: {}",
            stage.name,
            stage.base,
            kinds.join(" ")
        )
        .unwrap();
    }
}

fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let mut out = String::new();
    for i in 0..e.len().max(a.len()) {
        match (e.get(i), a.get(i)) {
            (Some(x), Some(y)) if x == y => {}
            (x, y) => {
                writeln!(
                    out,
                    "  line {}:\n  - {}\n  + {}",
                    i + 1,
                    x.unwrap_or(&"<none>"),
                    y.unwrap_or(&"<none>")
                )
                .unwrap();
            }
        }
    }
    out
}
