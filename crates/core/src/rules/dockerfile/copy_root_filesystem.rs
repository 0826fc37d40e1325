use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3067",
        aliases: &[],
        summary: "Do not copy a whole filesystem from another stage",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `COPY --from=stage / /` (ONBUILD triggers included): the root of
another stage or image copied onto the root of this one.

## Why is this bad?
It copies everything, package databases, caches and build tools included,
over the files of this stage: the image is as big as the build stage and the
point of a multi-stage build is lost. Copy the directories the program needs.

## Example
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12
COPY --from=build / /
```

## Use instead
```dockerfile
FROM golang:1.23 AS build
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
```

## References
- hadolint `DL3067`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let triggers = ctx
        .dockerfile
        .instructions
        .iter()
        .filter_map(|i| match &i.command {
            Command::Onbuild { trigger: Some(t) } => Some(&**t),
            _ => None,
        });
    for instruction in ctx.dockerfile.instructions.iter().chain(triggers) {
        let Command::Copy { sources, dest } = &instruction.command else {
            continue;
        };
        if instruction.flag("from").is_none() {
            continue;
        }
        let root = |v: &str| v.trim_matches(['"', '\'']) == "/";
        if root(&dest.value) && sources.iter().any(|s| root(&s.value)) {
            out.push(Finding::new(
                instruction.span,
                "Do not copy an entire filesystem from another stage",
            ));
        }
    }
}
