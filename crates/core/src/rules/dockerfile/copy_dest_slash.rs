use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3021",
        aliases: &[],
        summary: "COPY of several sources needs a directory destination ending in /",
        severity: Severity::Error,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `COPY a b dest` (more than one source) whose destination does not end with `/`.

Quick fix: adds the `/` (inside the JSON string in exec form).

## Why is this bad?
With several sources the destination must be a directory; BuildKit refuses the build otherwise.

## Example
```dockerfile
COPY package.json package-lock.json /app
```

## Use instead
```dockerfile
COPY package.json package-lock.json /app/
```

## References
- hadolint `DL3021`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        let Command::Copy { sources, dest } = &instruction.command else {
            continue;
        };
        let dest_value = super::expanded_at(ctx, dest.span).unwrap_or(&dest.value);
        if sources.len() > 1 && !dest_value.ends_with('/') && !dest_value.ends_with('\\') {
            let finding = Finding::new(
                dest.span,
                "COPY with more than 2 arguments requires the last argument to end with /",
            );
            // In exec form the slash goes inside the JSON string.
            let end = if instruction.json {
                ctx.text[..dest.span.end]
                    .ends_with('"')
                    .then(|| dest.span.end - 1)
            } else {
                Some(dest.span.end)
            };
            out.push(match end {
                Some(at) if ctx.text[..at].ends_with(dest.value.as_str()) => finding.with_fix(
                    Fix::new("End the destination with `/`", vec![Edit::insert(at, "/")]),
                ),
                _ => finding,
            });
        }
    }
}
