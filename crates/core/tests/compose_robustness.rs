//! Bad compose input never crashes: mutated real compose files and hostile
//! YAML shapes go through the YAML reader, the schema, the semantics and the
//! rules; no panic, and every span lies inside the text on char boundaries.
//!
//! Bounded (`DOCKWRIGHT_FUZZ_ITERATIONS`, default 3000) and deterministic
//! (`DOCKWRIGHT_FUZZ_SEED`); a longer run: `DOCKWRIGHT_FUZZ_ITERATIONS=200000
//! cargo test --release -p dockwright-core --test compose_robustness`. A
//! failing input is written to `target/tmp/compose-robustness-failure.yaml`.

mod common;

use std::panic;

use common::{assert_span, Rng};
use std::path::Path;

use dockwright_core::yaml::{self, Node, Value};
use dockwright_core::{lint, FileKind};

const TOKENS: &[&str] = &[
    ": ",
    ":",
    "- ",
    "-",
    "  ",
    "\n",
    "\n  ",
    "\n    - ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "&a ",
    "*a",
    "<<: *a\n",
    "<<: ",
    "!!str ",
    "!tag ",
    "|\n",
    ">-\n",
    "#",
    " # c",
    "---\n",
    "...\n",
    "${",
    "${A",
    "}",
    "$",
    "$$",
    ":-",
    "?",
    "? ",
    "\t",
    "\r\n",
    "\u{feff}",
    "é",
    "😀",
    "\0",
    "0440",
    "yes",
    "on",
    "~",
    "null",
    ".inf",
    "0x",
    "1e3",
    "services:\n",
    "  web:\n",
    "    image: ",
    "    ports: [",
    "\"8080:80\"",
    "depends_on: [",
    "condition: service_healthy",
    "healthcheck:\n",
    "x-a: &a\n",
    "volumes:\n",
    "networks:\n",
];

fn seeds() -> Vec<String> {
    let mut seeds = vec!["services:\n  web:\n    image: nginx:1.27\n".to_string()];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in [
        root.join("tests/fixtures/compose"),
        root.join("../../../shared/corpus/compose"),
    ] {
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
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
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
                let d = donor.as_bytes();
                let start = rng.below(d.len() + 1);
                let end = (start + rng.below(200)).min(d.len());
                bytes.splice(at..at, d[start..end].iter().copied());
            }
            4 if !bytes.is_empty() => {
                let end = (at + rng.below(64)).min(bytes.len());
                let piece = bytes[at.min(end)..end].to_vec();
                bytes.splice(at..at, piece);
            }
            _ => bytes.truncate(at),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn assert_tree(text: &str, node: &Node) {
    assert_span(text, node.span, "yaml node");
    match &node.value {
        Value::Scalar(_) => {}
        Value::Seq(items) => items.iter().for_each(|i| assert_tree(text, i)),
        Value::Map(entries) => entries.iter().for_each(|e| {
            assert_tree(text, &e.key);
            assert_tree(text, &e.value);
        }),
    }
}

/// The editor's help at a few places of the text: no panic, every span
/// inside the text.
fn check_assist(text: &str) {
    use dockwright_core::assist::compose as assist;
    let mut offsets = vec![0, text.len(), text.len() / 2];
    offsets.extend(text.match_indices('\n').map(|(i, _)| i).take(8));
    for offset in offsets {
        for c in assist::complete("compose.yaml", text, offset, &[]) {
            assert_span(text, c.replace, "completion");
        }
        if let Some(hover) = assist::hover(text, offset, Some("A=1\n")) {
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
    let document = yaml::parse(text);
    if let Some(root) = &document.root {
        assert_tree(text, root);
    }
    for error in &document.errors {
        assert_span(text, error.span, "yaml error");
    }
    let findings = lint(FileKind::Compose, text);
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
    // The service graph is drawn for any text, inside its box.
    if let Some(root) = &document.root {
        let graph = dockwright_core::graph::service_graph(root);
        for node in &graph.nodes {
            assert!(node.x + node.width <= graph.width && node.y + node.height <= graph.height);
        }
        let _ = graph.to_svg();
    }
    // The fixes together still give a text the engine reads.
    let fixes: Vec<_> = findings.iter().filter_map(|d| d.fix.as_ref()).collect();
    if !fixes.is_empty() {
        let (fixed, _) = dockwright_core::fix::apply(text, &fixes);
        let _ = lint(FileKind::Compose, &fixed);
    }
    assert!(
        findings
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start),
        "findings are sorted"
    );
}

/// The formatter never panics; what it formats reads as the same tree and
/// formats to itself. Returns whether it formatted the text, and whether it
/// refused it for a layout (not for a YAML error).
fn formats_safely(text: &str) -> (bool, bool) {
    match dockwright_core::format::compose::format(text) {
        Ok(out) => {
            let tree = |t: &str| yaml::parse(t).root.as_ref().map(common::yaml_tree);
            assert_eq!(tree(text), tree(&out), "formatting changed the tree");
            let again = dockwright_core::format::compose::format(&out);
            assert_eq!(again.as_ref(), Ok(&out), "formatting is not idempotent");
            (true, false)
        }
        Err(refusal) => (false, refusal.message.starts_with("left unchanged")),
    }
}

fn check_or_save(text: &str) -> (bool, bool) {
    let formatted = panic::catch_unwind(|| formats_safely(text));
    if panic::catch_unwind(|| check_invariants(text)).is_err() || formatted.is_err() {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compose-robustness-failure.yaml");
        std::fs::write(&path, text).unwrap();
        panic!("invariant broken; input saved to {}", path.display());
    }
    formatted.unwrap_or_default()
}

#[test]
fn mutated_compose_files_keep_every_invariant() {
    let iterations: usize = std::env::var("DOCKWRIGHT_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let seed: u64 = std::env::var("DOCKWRIGHT_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x00c0_4905);
    let seeds = seeds();
    let mut rng = Rng(seed);
    let mut pool = seeds.clone();
    let (mut formatted, mut layout_refusals) = (0, 0);
    for _ in 0..iterations {
        let base = pool[rng.below(pool.len())].clone();
        let donor = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, &base, donor);
        let (ok, layout) = check_or_save(&input);
        formatted += usize::from(ok);
        layout_refusals += usize::from(layout);
        if input.len() < 64 * 1024 && rng.below(4) == 0 {
            let slot = rng.below(pool.len());
            pool[slot] = input;
        }
    }
    eprintln!(
        "{iterations} mutated compose files checked (seed {seed}): {formatted} formatted, \
         {layout_refusals} left unchanged for a layout the formatter cannot move"
    );
}

#[test]
fn hostile_shapes_stay_bounded() {
    let shapes = [
        "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e]\n".to_string(),
        format!("services:\n{}", "  - ".repeat(10_000)),
        "{".repeat(20_000),
        format!("services:\n  web:\n    image: {}\n", "x".repeat(200_000)),
        format!("services:\n{}", (0..3_000).map(|i| format!("  s{i}:\n    image: a:1\n    depends_on: [s{}]\n", (i + 1) % 3_000)).collect::<String>()),
        format!("x: {}\n", "${A:-".repeat(2_000)),
        format!("{}: 1\n", "k".repeat(100_000)),
        format!("a: &a {{}}\n{}", (0..2_000).map(|i| format!("m{i}: &m{i}\n  <<: *{}\n  k{i}: v\n", if i == 0 { "a".to_string() } else { format!("m{}", i - 1) })).collect::<String>()),
        "\t\t\t: : : - - -\n".repeat(1_000),
        "services:\n  web:\n    ports: [\n".repeat(500),
    ];
    for text in &shapes {
        check_or_save(text);
    }
}

/// Inputs the fuzzer once broke, kept as regression tests: each must keep
/// every invariant. `compose-blanked-multibyte-line.yaml`: a syntax error
/// after a line holding U+FFFD was blanked (a 3-byte char became 3 spaces)
/// was reported inside that char in the original text.
#[test]
fn inputs_the_fuzzer_broke_keep_every_invariant() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crashes");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            check_invariants(&text);
            checked += 1;
        }
    }
    assert!(checked > 0);
}

/// A project of mutated files (a compose file with variables, includes and
/// extends, its `.env`, the files it includes): linting it and resolving
/// its model keep every span inside its file.
fn check_project(compose: &str, dotenv: &str, included: &str) {
    use dockwright_core::lint::{config, lint_project, ConfigHost};
    use dockwright_core::project::{Project, ProjectFile};
    let files = [
        ProjectFile {
            path: "compose.yaml",
            text: compose,
        },
        ProjectFile {
            path: ".env",
            text: dotenv,
        },
        ProjectFile {
            path: "db/compose.yaml",
            text: included,
        },
    ];
    let host = vec![("HOME".to_string(), "/home/user".to_string())];
    let project = Project {
        files: &files,
        host_environment: Some(&host),
        ..Project::default()
    };
    let settings = dockwright_core::Settings::default();
    for report in lint_project(&project, &settings) {
        let text = files.iter().find(|f| f.path == report.path).unwrap().text;
        for finding in &report.findings {
            assert_span(text, finding.span, finding.code);
        }
    }
    let host = ConfigHost {
        project_name: None,
        project_dir: "/project",
        home: Some("/home/user"),
    };
    let resolved = config(&project, &settings, &host);
    if let Some(model) = &resolved.model {
        let _ = dockwright_core::compose::output::to_json(model);
        let printed = dockwright_core::compose::output::to_yaml(model);
        for span in printed.lines.iter().flatten() {
            let (path, local) = resolved.locate(*span).expect("a source");
            let text = files.iter().find(|f| f.path == path).unwrap().text;
            assert_span(text, local, "model value");
        }
    }
}

#[test]
fn mutated_projects_with_variables_includes_and_env_files_keep_every_invariant() {
    let iterations: usize = std::env::var("DOCKWRIGHT_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(400, |n: usize| n / 5);
    let compose = "name: shop\ninclude:\n  - db/compose.yaml\nservices:\n  web:\n    image: \"nginx:${TAG:-1.27}\"\n    extends:\n      file: db/compose.yaml\n      service: db\n    ports: [\"${PORT}:80\", \"9000-9001:9000-9001/udp\"]\n    environment:\n      - A=${A:?set A}\n      - B\n    volumes: [\"./src:/src:ro,z\", \"data:/data\", \"c:/x\"]\n    command: sh -c \"echo $$HOME\"\n    cpus: ${CPUS}\nvolumes:\n  data:\n";
    let dotenv = "# vars\nTAG=1.27\nexport PORT=8080\nA=\"multi\nline\"\nCPUS='0.5'\nB=${TAG}-x\n";
    let included = "services:\n  db:\n    image: postgres:17\n    healthcheck:\n      test: pg_isready\n      interval: 10s\n";
    let mut rng = Rng(0xd0_7e_u64);
    for _ in 0..iterations {
        let c = mutate(&mut rng, compose, dotenv);
        let d = mutate(&mut rng, dotenv, compose);
        let i = mutate(&mut rng, included, compose);
        let result = panic::catch_unwind(|| check_project(&c, &d, &i));
        if result.is_err() {
            let path =
                Path::new(env!("CARGO_TARGET_TMPDIR")).join("project-robustness-failure.txt");
            std::fs::write(&path, format!("{c}\n=====\n{d}\n=====\n{i}")).unwrap();
            panic!("invariant broken; inputs saved to {}", path.display());
        }
    }
}
