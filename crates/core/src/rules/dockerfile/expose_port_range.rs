use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3011",
        aliases: &[],
        summary: "Ports must be between 0 and 65535",
        severity: Severity::Error,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `EXPOSE` ports (and port ranges) outside 0–65535, after variable expansion.

## Why is this bad?
Such a port cannot exist; Docker refuses the image configuration.

## Example
```dockerfile
EXPOSE 80000
```

## Use instead
```dockerfile
EXPOSE 8000
```

## References
- hadolint `DL3011`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (span, spec) in super::expose_specs(ctx) {
        let number_part = spec
            .rsplit(':')
            .next()
            .unwrap_or(spec)
            .split('/')
            .next()
            .unwrap_or_default();
        let out_of_range = number_part.split('-').any(|n| {
            !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
                && n.parse::<u64>().map_or(true, |p| p > 65535)
        });
        if out_of_range {
            out.push(Finding::new(span, "Valid UNIX ports range from 0 to 65535"));
        }
    }
}
