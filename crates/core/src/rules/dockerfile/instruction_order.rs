use crate::diagnostic::Severity;
use crate::dockerfile::Keyword;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3061",
        aliases: &[],
        summary: "A Dockerfile begins with FROM, ARG or a comment",
        severity: Severity::Error,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags every instruction other than `ARG` before the first `FROM`. BuildKit
refuses such a file ("no build stage in current context", reported beside
this finding); the instructions are still checked by the other rules as if
they were in a stage, so a pasted snippet gets its findings.

## Why is this bad?
Only global `ARG`s may come before the first `FROM`: anything else has no
stage to run in, and the build stops with an error.

## Example
```dockerfile
LABEL org.opencontainers.image.title=app
FROM debian:bookworm-slim
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
LABEL org.opencontainers.image.title=app
```

## References
- hadolint `DL3061`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for node in &ctx.dockerfile.nodes {
        match node.kind {
            Some(Keyword::From) => break,
            Some(Keyword::Arg) | None => {}
            Some(_) => out.push(Finding::new(
                node.keyword.span,
                "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.",
            )),
        }
    }
}
