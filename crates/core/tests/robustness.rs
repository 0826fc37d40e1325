//! Bad input never crashes: mutated real Dockerfiles and hostile shapes go
//! through the parser and the linter; no panic, and every span lies inside
//! the text on char boundaries.
//!
//! The mutation run is bounded (`DOCKWRIGHT_FUZZ_ITERATIONS`, default 4000)
//! and deterministic (`DOCKWRIGHT_FUZZ_SEED`), so CI runs the same inputs
//! every time; a longer run: `DOCKWRIGHT_FUZZ_ITERATIONS=200000 cargo test
//! --release -p dockwright-core --test robustness`. A failing input is
//! written to `target/tmp/robustness-failure.Dockerfile`.

mod common;

use std::panic;

use common::{assert_span, Rng};
use std::path::Path;

use dockwright_core::dockerfile::{self, Node};
use dockwright_core::{lint, FileKind};

const TOKENS: &[&str] = &[
    "\\\n",
    "\\",
    "`",
    "<<EOF\n",
    "<<-EOF ",
    "\nEOF\n",
    "\n\tEOF\n",
    "<<'Q'",
    "${",
    "}",
    "$",
    "\"",
    "'",
    "[",
    "]",
    "\", \"",
    "\r\n",
    "\r",
    "\u{feff}",
    "# escape=`\n",
    "# escape=\\\n",
    "# syntax=x\n",
    "# check=skip=all\n",
    "--mount=type=cache,target=/x ",
    "--mount=type=secret,id=a,required ",
    "--from=",
    "--chown=",
    "--",
    "ONBUILD ",
    "FROM ",
    " AS ",
    "COPY ",
    "RUN ",
    "HEALTHCHECK --interval=1s ",
    "ENV a=",
    "ARG ",
    "LABEL ",
    "\t",
    "\u{a0}",
    "\u{85}",
    "é",
    "😀",
    "\0",
    "=",
    "{",
    ":-",
    ":?",
    "#",
    "%%",
    "##",
    "//",
    "/",
    "\n",
    "\n\n",
    " ",
    "3<<",
    "[1]",
];

fn seeds() -> Vec<String> {
    let mut seeds = vec![
        "FROM alpine\nRUN echo hi\n".to_string(),
        "# escape=`\nFROM x\nRUN a `\n  b\n".to_string(),
        "FROM a AS b\nCOPY --from=b <<EOF /x\nhello\nEOF\n".to_string(),
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("tests/fixtures/dockerfile"),
        root.join("../../../shared/corpus/dockerfiles"),
    ];
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!(
                "note: {} is absent; fuzzing from the other seeds",
                dir.display()
            );
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "Dockerfile"))
        {
            seeds.push(String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned());
        }
    }
    seeds
}

fn mutate(rng: &mut Rng, input: &str, donor: &str) -> String {
    let mut bytes = input.as_bytes().to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            1 if !bytes.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            2 if !bytes.is_empty() => {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
            3 => {
                // Splice a piece of another file in.
                let d = donor.as_bytes();
                let start = rng.below(d.len() + 1);
                let end = (start + rng.below(200)).min(d.len());
                bytes.splice(at..at, d[start..end].iter().copied());
            }
            4 if !bytes.is_empty() => {
                // Duplicate a run, which grows continuations and heredocs.
                let end = (at + rng.below(64)).min(bytes.len());
                let piece = bytes[at.min(end)..end].to_vec();
                bytes.splice(at..at, piece);
            }
            _ => bytes.truncate(at),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn assert_node(text: &str, node: &Node) {
    assert_span(text, node.span, "node");
    assert_span(text, node.keyword.span, "keyword");
    for word in node.flags.iter().chain(&node.args) {
        assert_span(text, word.span, "word");
    }
    for heredoc in &node.heredocs {
        assert_span(text, heredoc.span, "heredoc");
    }
    for &span in &node.empty_continuation_lines {
        assert_span(text, span, "empty continuation");
    }
    if let Some(trigger) = &node.trigger {
        assert_node(text, trigger);
    }
}

/// Every invariant the hosts rely on, for one input.
/// The editor's help at a few places of the text (the start, the end, the
/// middle, each line's end): no panic, every span inside the text.
fn check_assist(text: &str) {
    use dockwright_core::assist::dockerfile as assist;
    let mut offsets = vec![0, text.len(), text.len() / 2];
    offsets.extend(text.match_indices('\n').map(|(i, _)| i).take(8));
    for offset in offsets {
        for c in assist::complete(text, offset) {
            assert_span(text, c.replace, "completion");
        }
        if let Some(hover) = assist::hover(text, offset) {
            assert_span(text, hover.span, "hover");
        }
        for span in assist::references(text, offset) {
            assert_span(text, span, "reference");
        }
        if let Ok(edits) = assist::rename(text, offset, "renamed") {
            for edit in edits {
                assert_span(text, edit.span, "rename");
            }
        }
    }
    for symbol in assist::outline(text) {
        assert_span(text, symbol.span, "outline");
    }
}

fn check_invariants(text: &str) {
    check_assist(text);
    let parsed = dockerfile::parse(text);
    for node in &parsed.nodes {
        assert_node(text, node);
    }
    for directive in &parsed.directives {
        assert_span(text, directive.span, "directive");
        assert_span(text, directive.value_span, "directive value");
    }
    for word in &parsed.expansions.words {
        assert_span(text, word.span, "expansion");
    }
    for instruction in &parsed.instructions {
        assert_span(text, instruction.span, "instruction");
    }
    let _ = parsed.dump();
    let findings = lint(FileKind::Dockerfile, text);
    for finding in &findings {
        assert_span(text, finding.span, finding.code);
        assert!(!finding.message.is_empty());
        if let Some(fix) = &finding.fix {
            assert!(
                fix.is_valid_for(text),
                "{}: fix outside the text or overlapping",
                finding.code
            );
        }
    }
    // The pictures and the scorecard work on any text, inside their box.
    let graph = dockwright_core::graph::stage_graph(&parsed);
    for node in &graph.nodes {
        assert!(node.x + node.width <= graph.width && node.y + node.height <= graph.height);
    }
    for edge in &graph.edges {
        assert!(edge.from < graph.nodes.len() && edge.to < graph.nodes.len());
    }
    for row in dockwright_core::layers::layer_rows(text, &parsed) {
        assert_span(text, row.span, "layer row");
    }
    let _ = graph.to_svg();
    let _ = dockwright_core::patterns::scorecard::scorecard(&[("Dockerfile", text)]);
    // Linted as a whole project (a directory to the CLI, a course's
    // exercise to the page): the rules that read the build context's
    // listing run too; and a goal of the course is checked on it.
    let files = [
        ("Dockerfile", text),
        (".dockerignore", "probes\n*.md\n.env\n"),
        ("healthcheck.js", "process.exit(0)\n"),
    ];
    let listing: Vec<String> = files.iter().map(|(p, _)| p.to_string()).collect();
    let project_files: Vec<dockwright_core::project::ProjectFile> = files
        .iter()
        .map(|(path, text)| dockwright_core::project::ProjectFile { path, text })
        .collect();
    let project = dockwright_core::project::Project {
        files: &project_files,
        listing: Some(&listing),
        ..Default::default()
    };
    let reports =
        dockwright_core::lint::lint_project(&project, &dockwright_core::Settings::default());
    for finding in &reports[0].findings {
        assert_span(text, finding.span, finding.code);
    }
    let course = dockwright_core::course::COURSE;
    let exercise = &course[text.len() % course.len()];
    let _ = dockwright_core::course::check(&exercise.goal, &files);
    // The fixes together still give a text the engine reads.
    let fixes: Vec<_> = findings.iter().filter_map(|d| d.fix.as_ref()).collect();
    if !fixes.is_empty() {
        let (fixed, _) = dockwright_core::fix::apply(text, &fixes);
        let _ = lint(FileKind::Dockerfile, &fixed);
    }
    assert!(
        findings
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start),
        "findings are sorted"
    );
}

fn check_or_save(text: &str) {
    let formats_safely = || {
        if let Ok(out) = dockwright_core::format::dockerfile::format(text, &Default::default()) {
            if let Err(failure) = common::formatting_keeps_the_build(text, &out) {
                panic!("formatting: {failure}");
            }
        }
    };
    if panic::catch_unwind(|| check_invariants(text)).is_err()
        || panic::catch_unwind(formats_safely).is_err()
    {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("robustness-failure.Dockerfile");
        std::fs::write(&path, text).unwrap();
        panic!("invariant broken; input saved to {}", path.display());
    }
}

#[test]
fn mutated_dockerfiles_keep_every_invariant() {
    let iterations: usize = std::env::var("DOCKWRIGHT_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000);
    let seed: u64 = std::env::var("DOCKWRIGHT_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x00d0_c4e5);
    let seeds = seeds();
    let mut rng = Rng(seed);
    let mut pool = seeds.clone();
    for _ in 0..iterations {
        let base = pool[rng.below(pool.len())].clone();
        let donor = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, &base, donor);
        check_or_save(&input);
        // Keep some mutants as seeds so mutations compound.
        if input.len() < 64 * 1024 && rng.below(4) == 0 {
            let slot = rng.below(pool.len());
            pool[slot] = input;
        }
    }
    eprintln!("{iterations} mutated inputs checked (seed {seed})");
}

#[test]
fn hostile_shapes_stay_bounded() {
    let shapes = [
        format!("FROM a\nRUN {}\n", "x".repeat(70_000)),
        format!("FROM a\nCMD {}\n", "[".repeat(50_000)),
        format!("FROM a\n{}RUN x\n", "ONBUILD ".repeat(5_000)),
        format!("FROM a\nRUN a \\\n{}\n", "  b \\\n".repeat(20_000)),
        format!("FROM a\nRUN <<EOF\n{}", "line\n".repeat(20_000)),
        format!("FROM a\nENV {}\n", "a=${b:-${c:-${d:-x}}} ".repeat(2_000)),
        format!("FROM a\nENV x=${{y:-{}}}\n", "${z:-".repeat(3_000)),
        format!(
            "FROM a\nARG V=abcdefghij\nENV X=${{V//{}/y}}\n",
            "*?".repeat(500)
        ),
        "\u{feff}".repeat(100),
        "\\\n".repeat(10_000),
        "#".repeat(10_000),
        format!("{}FROM a\n", "# escape=`\n".repeat(100)),
        format!("FROM a\n{}", "COPY <<A <<B <<C /d\n".repeat(500)),
        // Thousands of stages, each copying from the next: one long cycle.
        (0..5_000)
            .map(|i| format!("FROM a AS s{i}\nCOPY --from=s{} /x /y\n", (i + 1) % 5_000))
            .collect(),
        // A pasted snippet of thousands of loose lines, triggers included.
        "RUN apt-get install x\nONBUILD RUN pip install y\n".repeat(5_000),
    ];
    for text in &shapes {
        check_or_save(text);
    }
    let long = dockerfile::parse(&shapes[0]);
    assert_eq!(
        long.errors[0].message,
        "dockerfile line greater than max allowed size of 65535"
    );
}
