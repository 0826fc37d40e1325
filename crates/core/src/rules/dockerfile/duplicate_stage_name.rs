use std::collections::HashSet;

use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3024",
        aliases: &["DuplicateStageName"],
        summary: "Stage names should be unique",
        severity: Severity::Error,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a `FROM … AS name` whose name (compared case-insensitively, as BuildKit
does) was already used by an earlier stage.

## Why is this bad?
`COPY --from=name` and `--target name` can reach only one of the stages; the
other is dead code or, worse, the one you did not mean.

## Example
```dockerfile
FROM golang:1.23 AS build
FROM node:22 AS build
```

## Use instead
```dockerfile
FROM golang:1.23 AS build-api
FROM node:22 AS build-web
```

## References
- hadolint `DL3024`; BuildKit check `DuplicateStageName` (hadolint's severity, BuildKit's message)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let mut seen = HashSet::new();
    for instruction in &ctx.dockerfile.instructions {
        if let Command::From {
            stage_name: Some(name),
            ..
        } = &instruction.command
        {
            let lower = name.value.to_lowercase();
            if !seen.insert(lower.clone()) {
                out.push(Finding::new(
                    name.span,
                    format!(
                        "Duplicate stage name {}, stage names should be unique",
                        crate::dockerfile::go::quote(&lower)
                    ),
                ));
            }
        }
    }
}
