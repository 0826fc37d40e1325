use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "ExposeInvalidFormat",
        aliases: &[],
        summary: "EXPOSE takes container ports, not addresses or host mappings",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
        docs: r#"## What it does
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
                if spec.contains(':') {
                    out.push(Finding::new(
                        port.span,
                        format!("EXPOSE instruction should not define an IP address or host-port mapping, found '{spec}'"),
                    ));
                }
            }
        }
    }
}
