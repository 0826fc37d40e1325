use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3011",
        aliases: &[],
        summary: "Ports must be between 0 and 65535",
        severity: Severity::Error,
        origin: Origin::Hadolint,
        off_by_default: false,
        docs: r#"## What it does
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
"#,
    },
    check,
};

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        let Command::Expose { ports } = &instruction.command else {
            continue;
        };
        for port in ports {
            let value = super::expanded_at(ctx, port.span).unwrap_or(&port.value);
            for spec in value.split_whitespace() {
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
                    out.push(Finding::new(
                        port.span,
                        "Valid UNIX ports range from 0 to 65535",
                    ));
                }
            }
        }
    }
}
