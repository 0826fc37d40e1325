use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::span::Span;

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "StageNameCasing",
        aliases: &[],
        summary: "Stage names should be lowercase",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a stage name (`FROM … AS Name`) that is not all lowercase.

Quick fix: lowercases the name and the `FROM` and `COPY --from` references written with it (BuildKit matches names without regard to case, so a reference left in `RUN --mount` still works).

## Why is this bad?
BuildKit lower-cases stage names, so `Builder` and `builder` are the same
stage; mixed case suggests a distinction that does not exist and reads
differently from `COPY --from=builder`.

## Example
```dockerfile
FROM node:22 AS BuildStage
```

## Use instead
```dockerfile
FROM node:22 AS build-stage
```

## References
- BuildKit check `StageNameCasing`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        if let Command::From {
            stage_name: Some(name),
            ..
        } = &instruction.command
        {
            if name.value != name.value.to_lowercase() {
                out.push(
                    Finding::new(
                        name.span,
                        format!("Stage name '{}' should be lowercase", name.value),
                    )
                    .with_fix(lowercase_fix(ctx, name)),
                );
            }
        }
    }
}

/// Lowercases the name and the references written with it: `FROM Name`
/// and `COPY --from=Name`. BuildKit matches stage names without regard to
/// case, so a reference the fix misses (inside `RUN --mount`) still works.
fn lowercase_fix(ctx: &DockerfileContext, name: &crate::dockerfile::Word) -> Fix {
    let lower = name.value.to_lowercase();
    let mut edits = vec![Edit::replace(name.span, lower.clone())];
    for instruction in &ctx.dockerfile.instructions {
        let reference = match &instruction.command {
            Command::From { image, .. } if image.value == name.value => Some(image.span),
            Command::Copy { .. } => instruction
                .flag("from")
                .filter(|f| f.value.as_deref() == Some(name.value.as_str()))
                .map(|f| Span::new(f.span.end - name.value.len(), f.span.end)),
            _ => None,
        };
        if let Some(span) =
            reference.filter(|s| ctx.text.get(s.start..s.end) == Some(name.value.as_str()))
        {
            edits.push(Edit::replace(span, lower.clone()));
        }
    }
    Fix::new(format!("Rename to `{lower}`"), edits)
}
