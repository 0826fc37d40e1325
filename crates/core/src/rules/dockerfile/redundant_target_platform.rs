use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::span::Span;

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "RedundantTargetPlatform",
        aliases: &["DL3065"],
        summary: "FROM --platform=$TARGETPLATFORM is the default",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`).

Quick fix: removes the `--platform` flag.

## Why is this bad?
Stages are built for the target platform anyway; the flag only adds noise
and suggests that something special happens.

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM alpine
```

## Use instead
```dockerfile
FROM alpine
```

## References
- hadolint `DL3065`
- BuildKit check `RedundantTargetPlatform`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (instruction, _) in super::froms(ctx) {
        let Some(flag) = instruction.flag("platform") else {
            continue;
        };
        let value = flag.value.as_deref().unwrap_or_default().trim();
        if value == "$TARGETPLATFORM" || value == "${TARGETPLATFORM}" {
            // The flag and the blanks after it go; the line stays one line.
            let rest = &ctx.text[flag.span.end..];
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            out.push(
                Finding::new(
                    flag.span,
                    format!("Setting platform to predefined {value} in FROM is redundant as this is the default behavior"),
                )
                .with_fix(Fix::new(
                    "Remove the flag",
                    vec![Edit::delete(Span::new(flag.span.start, flag.span.end + blanks))],
                )),
            );
        }
    }
}
