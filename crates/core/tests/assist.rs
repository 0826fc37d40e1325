//! Completion, hover, definition, references and rename, as data: each case
//! is a Dockerfile with the cursor written `‸`, and what the engine must
//! answer there.

use dockwright_core::assist::dockerfile as assist;

const CURSOR: char = '‸';

/// The text without the cursor mark, and the cursor's byte offset.
fn at(marked: &str) -> (String, usize) {
    let offset = marked.find(CURSOR).expect("a cursor mark");
    (marked.replacen(CURSOR, "", 1), offset)
}

fn labels(marked: &str) -> Vec<String> {
    let (text, offset) = at(marked);
    assist::complete(&text, offset)
        .into_iter()
        .map(|c| c.label)
        .collect()
}

const DOCKERFILE: &str = "\
# syntax=docker/dockerfile:1
ARG NODE_VERSION=22
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM deps AS build
ENV APP_HOME=/app
COPY . .
RUN npm run build

FROM node:22-bookworm-slim AS runner
COPY --from=build /app/dist /app
RUN --mount=type=bind,from=deps,source=/app/node_modules,target=/m ls /m
CMD [\"node\", \"/app/server.js\"]
";

/// `(where, what the completions must hold, what they must not)`.
const COMPLETIONS: &[(&str, &[&str], &[&str])] = &[
    ("FROM alpine\nR‸", &["RUN"], &["FROM", "COPY"]),
    ("FROM alpine\nhea‸", &["HEALTHCHECK"], &[]),
    (
        "FROM alpine\n‸",
        &["FROM", "RUN", "COPY", "HEALTHCHECK"],
        &["MAINTAINER"],
    ),
    // A continuation line is not a new instruction.
    ("FROM alpine\nRUN apk add \\\n  cur‸", &[], &["COPY", "CMD"]),
    ("FROM alpine\nRUN --mo‸", &["--mount"], &["--from"]),
    (
        "FROM alpine\nCOPY --‸",
        &[
            "--from",
            "--chown",
            "--chmod",
            "--link",
            "--parents",
            "--exclude",
        ],
        &["--mount"],
    ),
    (
        "FROM alpine\nHEALTHCHECK --st‸",
        &["--start-period", "--start-interval"],
        &["--interval"],
    ),
    (
        "FROM alpine AS base\nFROM base AS build\nFROM alpine\nCOPY --from=‸",
        &["base", "build"],
        &[],
    ),
    (
        "FROM alpine AS base\nFROM alpine\nCOPY --from=b‸",
        &["base"],
        &[],
    ),
    (
        "FROM alpine AS base\nFROM alpine\nRUN --mount=type=bind,from=‸",
        &["base"],
        &[],
    ),
    (
        "FROM alpine\nRUN --mount=type=‸",
        &["cache", "bind", "secret", "ssh", "tmpfs"],
        &[],
    ),
    (
        "FROM alpine\nRUN --mount=type=cache,‸",
        &["target", "id", "sharing"],
        &["env"],
    ),
    (
        "FROM alpine\nRUN --mount=type=secret,‸",
        &["id", "env", "required"],
        &["sharing"],
    ),
    (
        "FROM alpine\nRUN --network=‸",
        &["none", "host", "default"],
        &[],
    ),
    (
        "FROM --platform=$‸",
        &["BUILDPLATFORM", "TARGETPLATFORM"],
        &[],
    ),
    (
        "ARG VERSION=1\nFROM alpine\nENV APP_HOME=/app\nRUN echo ${A‸",
        &["APP_HOME"],
        &["VERSION"],
    ),
    ("ARG VERSION=1\nFROM alpine:$V‸", &["VERSION"], &[]),
    ("FROM alpine AS base\nFROM b‸", &["base"], &[]),
    ("FROM alpine ‸", &["AS"], &[]),
    (
        "FROM alpine\n# hadolint ignore=DL30‸",
        &["DL3008", "DL3018"],
        &["SC2086"],
    ),
    (
        "FROM alpine\n# hadolint ignore=DL3008,SC20‸",
        &["SC2086"],
        &["DL3008"],
    ),
    ("# sy‸", &["syntax"], &["escape"]),
    ("FROM alpine\nONBUILD R‸", &["RUN"], &[]),
];

#[test]
fn completions() {
    let mut failures = Vec::new();
    for (marked, present, absent) in COMPLETIONS {
        let got = labels(marked);
        let missing: Vec<&&str> = present
            .iter()
            .filter(|p| !got.iter().any(|g| g == *p))
            .collect();
        let extra: Vec<&&str> = absent
            .iter()
            .filter(|a| got.iter().any(|g| g == *a))
            .collect();
        if !missing.is_empty() || !extra.is_empty() {
            failures.push(format!(
                "{marked:?}: got {got:?}, missing {missing:?}, unwanted {extra:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_completion_replaces_the_word_typed() {
    let (text, offset) = at("FROM alpine AS base\nFROM alpine\nCOPY --from=ba‸ /a /b\n");
    let completion = assist::complete(&text, offset)
        .into_iter()
        .find(|c| c.label == "base")
        .unwrap();
    assert_eq!(
        &text[completion.replace.start..completion.replace.end],
        "ba"
    );
    let (text, offset) = at("FROM alpine\nru‸");
    let completion = &assist::complete(&text, offset)[0];
    assert_eq!(
        (
            completion.insert.as_str(),
            &text[completion.replace.start..completion.replace.end]
        ),
        ("RUN ", "ru")
    );
}

#[test]
fn hover_explains_instructions_flags_stages_and_variables() {
    let hover = |needle: &str, nth: usize| {
        let offset = DOCKERFILE.match_indices(needle).nth(nth).unwrap().0 + 1;
        assist::hover(DOCKERFILE, offset).map(|h| {
            assert!(h.span.start <= offset && offset <= h.span.end);
            h.markdown
        })
    };
    assert!(hover("WORKDIR", 0).unwrap().contains("working directory"));
    assert!(hover("WORKDIR", 0)
        .unwrap()
        .contains("https://docs.docker.com/reference/dockerfile/#workdir"));
    assert!(hover("--mount", 0).unwrap().contains("type=cache"));
    let stage = hover("build /app", 0).unwrap();
    assert!(
        stage.contains("stage `build`") && stage.contains("FROM `deps`"),
        "{stage}"
    );
    let variable = hover("NODE_VERSION}", 0).unwrap();
    assert!(
        variable.contains("line 2") && variable.contains("ARG NODE_VERSION=22"),
        "{variable}"
    );
    assert_eq!(hover("npm ci", 0), None);
}

#[test]
fn definition_and_references_of_stages_and_variables() {
    let offset_of = |needle: &str, nth: usize| DOCKERFILE.match_indices(needle).nth(nth).unwrap().0;
    let text_of = |span: dockwright_core::Span| &DOCKERFILE[span.start..span.end];
    // `--from=build` goes to `AS build`.
    let from = offset_of("--from=build", 0) + "--from=".len() + 1;
    let definition = assist::definition(DOCKERFILE, from).unwrap();
    assert_eq!(definition.start, offset_of("AS build", 0) + 3);
    // `FROM deps` and `from=deps` both refer to the first stage.
    let deps = assist::references(DOCKERFILE, offset_of("AS deps", 0) + 4);
    assert_eq!(deps.len(), 3, "{deps:?}");
    assert!(deps.iter().all(|s| text_of(*s) == "deps"));
    // `${NODE_VERSION}` goes to the global ARG.
    let use_at = offset_of("${NODE_VERSION}", 0) + 3;
    assert_eq!(
        assist::definition(DOCKERFILE, use_at).unwrap().start,
        offset_of("ARG NODE_VERSION", 0) + 4
    );
    assert_eq!(assist::definition(DOCKERFILE, offset_of("npm ci", 0)), None);
}

#[test]
fn rename_changes_every_place_or_says_why_not() {
    let offset = DOCKERFILE.find("AS deps").unwrap() + 4;
    let edits = assist::rename(DOCKERFILE, offset, "dependencies").unwrap();
    let mut text = DOCKERFILE.to_string();
    for edit in edits.iter().rev() {
        text.replace_range(edit.span.start..edit.span.end, &edit.text);
    }
    assert!(text.contains("AS dependencies") && text.contains("FROM dependencies AS build"));
    assert!(text.contains("from=dependencies,source"));
    // The renamed file builds the same graph: its stages refer to each other as before.
    let parsed = dockwright_core::dockerfile::parse(&text);
    assert!(parsed.errors.is_empty());
    assert!(assist::rename(DOCKERFILE, offset, "Bad Name")
        .unwrap_err()
        .contains("not a stage name"));
    assert!(assist::rename(DOCKERFILE, offset, "runner")
        .unwrap_err()
        .contains("already named"));
    assert!(assist::rename(DOCKERFILE, DOCKERFILE.find("npm ci").unwrap(), "x").is_err());
}

#[test]
fn the_outline_lists_stages_and_their_instructions() {
    let outline = assist::outline(DOCKERFILE);
    let names: Vec<&str> = outline.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["deps", "build", "runner"]);
    assert_eq!(outline[0].children.len(), 3);
    assert_eq!(outline[2].children[0].name, "COPY");
}

/// Half-typed text at every offset: no panic, every span inside the text.
#[test]
fn every_offset_of_every_corpus_dockerfile_is_safe() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dockerfiles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<String> = entries
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    files.sort();
    files.push(DOCKERFILE.to_string());
    for text in files.iter().take(12) {
        let step = (text.len() / 300).max(1);
        for offset in (0..=text.len()).step_by(step) {
            for c in assist::complete(text, offset) {
                assert!(c.replace.start <= c.replace.end && c.replace.end <= text.len());
                assert!(
                    text.is_char_boundary(c.replace.start) && text.is_char_boundary(c.replace.end)
                );
            }
            if let Some(h) = assist::hover(text, offset) {
                assert!(h.span.end <= text.len());
            }
            for span in assist::references(text, offset) {
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }
    }
}

#[test]
fn a_heredoc_delimiter_is_renamed_with_its_closing_line_only() {
    let text = "FROM alpine\nRUN <<EOF\necho one\nEOF\nCOPY <<-\"EOF\" /etc/motd\n\thello\n\tEOF\n";
    let first = text.find("<<EOF").unwrap() + 3;
    let references = assist::references(text, first);
    assert_eq!(references.len(), 2);
    assert_eq!(references[1].start, text.find("\nEOF").unwrap() + 1);
    let edits = assist::rename(text, first, "SCRIPT").unwrap();
    let mut renamed = text.to_string();
    for edit in edits.iter().rev() {
        renamed.replace_range(edit.span.start..edit.span.end, &edit.text);
    }
    assert_eq!(
        renamed,
        "FROM alpine\nRUN <<SCRIPT\necho one\nSCRIPT\nCOPY <<-\"EOF\" /etc/motd\n\thello\n\tEOF\n"
    );
    let parsed = dockwright_core::dockerfile::parse(&renamed);
    assert_eq!(parsed.nodes[1].heredocs[0].content, "echo one\n");
    // The second heredoc: its own pair, from its closing line.
    let closing = text.rfind("EOF").unwrap() + 1;
    assert_eq!(
        assist::definition(text, closing).unwrap().start,
        text.find("\"EOF\"").unwrap() + 1
    );
}
