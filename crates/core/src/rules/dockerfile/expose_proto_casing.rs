use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "ExposeProtoCasing",
        aliases: &[],
        summary: "Protocols in EXPOSE should be lowercase",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `EXPOSE 80/TCP`: a protocol that is not lower-case.

Quick fix: lowercases the protocol of a port written without variables.

## Why is this bad?
Docker stores protocols in lower case; tools that compare exposed ports as
strings may not recognise `80/TCP`.

## Example
```dockerfile
EXPOSE 53/UDP
```

## Use instead
```dockerfile
EXPOSE 53/udp
```

## References
- BuildKit check `ExposeProtoCasing`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (span, spec) in super::expose_specs(ctx) {
        if let Some((_, proto)) = spec.split_once('/') {
            if proto != proto.to_lowercase() {
                let finding = Finding::new(
                    span,
                    format!("Defined protocol '{spec}' in EXPOSE instruction should be lowercase"),
                );
                // Only a port written as it is read (no variables) is rewritten.
                let written = &ctx.text[span.start..span.end] == spec;
                out.push(if written {
                    let lower = spec.to_lowercase();
                    finding.with_fix(Fix::new(
                        format!("Write `{lower}`"),
                        vec![Edit::replace(span, lower.clone())],
                    ))
                } else {
                    finding
                });
            }
        }
    }
}
