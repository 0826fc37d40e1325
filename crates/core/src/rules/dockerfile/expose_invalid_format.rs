use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "ExposeInvalidFormat",
        aliases: &[],
        summary: "EXPOSE takes container ports, not addresses or host mappings",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `EXPOSE` entries with an IP address or a `host:container` mapping.

## Why is this bad?
`EXPOSE` documents which container ports the image listens on. Publishing
to the host is decided at run time (`docker run -p`, compose `ports:`); the
address and host part are ignored, and Docker may reject them in future.

## Example
```dockerfile
EXPOSE 127.0.0.1:8080:80
```

## Use instead
```dockerfile
EXPOSE 80
```

## References
- BuildKit check `ExposeInvalidFormat`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (span, spec) in super::expose_specs(ctx) {
        if spec.contains(':') {
            out.push(Finding::new(
                span,
                format!("EXPOSE instruction should not define an IP address or host-port mapping, found '{spec}'"),
            ));
        }
    }
}
