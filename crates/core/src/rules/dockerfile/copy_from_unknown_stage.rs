use crate::diagnostic::Severity;
use crate::dockerfile::instructions::suggestion;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3022",
        aliases: &[],
        summary: "COPY --from should name an earlier stage",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `COPY --from=name` where `name` is neither a stage defined earlier in
the file nor something that looks like an image reference (with a registry,
path, tag or digest), and `COPY --from=N` where stage `N` is not defined
above (as hadolint). A near miss gets a suggestion. A stage that copies from
itself, directly or through others, is BuildKit's error "circular dependency
detected on stage".

## Why is this bad?
BuildKit treats an unknown name as an image: a typo such as
`--from=biulder` makes the build try to pull `docker.io/library/biulder`
and fail far from the mistake. A stage defined *later* is built first by
BuildKit, but the file then reads against the order it builds in.

## Example
```dockerfile
FROM golang:1.23 AS builder
RUN go build -o /out/app .
FROM gcr.io/distroless/static
COPY --from=biulder /out/app /app
```

## Use instead
```dockerfile
COPY --from=builder /out/app /app
```

## References
- hadolint `DL3022`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (index, instruction) in ctx.dockerfile.instructions.iter().enumerate() {
        if !matches!(instruction.command, Command::Copy { .. }) {
            continue;
        }
        let Some(flag) = instruction.flag("from") else {
            continue;
        };
        let Some(value) = flag
            .value
            .as_deref()
            .filter(|v| !v.is_empty() && !v.contains('$'))
        else {
            continue;
        };
        let lower = value.to_lowercase();
        let image_like = value.contains([':', '/', '@']);
        if value.chars().all(|c| c.is_ascii_digit()) {
            // Stages count from 0 by their FROM; only earlier ones exist yet.
            let earlier = ctx
                .dockerfile
                .stages
                .iter()
                .filter(|s| !s.implicit && s.from < index)
                .count();
            let current_is_real = ctx
                .stage_index(index)
                .is_some_and(|s| !ctx.dockerfile.stages[s].implicit);
            let available = if current_is_real {
                earlier - 1
            } else {
                earlier
            };
            if value.parse::<usize>().is_ok_and(|n| n >= available) {
                out.push(Finding::new(
                    flag.span,
                    format!("COPY --from={value} refers to the current or a later stage; copy from a stage defined above this one"),
                ));
            }
            continue;
        }
        if super::is_earlier_stage(ctx, index, &lower) || image_like {
            continue;
        }
        let earlier = super::stages_before(ctx, index);
        let defined_later = ctx
            .dockerfile
            .stages
            .iter()
            .any(|s| s.from >= index && s.name.as_deref() == Some(&lower));
        let message = if defined_later {
            format!("COPY --from={value} names a stage defined further down: BuildKit builds it first, but a reader expects the stages a stage copies from above it")
        } else {
            let names = &earlier;
            format!(
                "COPY --from={value} names no earlier stage, so BuildKit will pull an image called {value:?}{}",
                suggestion(&lower, names, true)
            )
        };
        out.push(Finding::new(flag.span, message));
    }
}
