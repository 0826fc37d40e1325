use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "service-ports-alphabetical-order",
        aliases: &[],
        summary: "Ports are in ascending order (style)",
        severity: Severity::Style,
        origin: Origin::Dclint,
        off_by_default: true,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a `ports` entry whose published (else container) port is lower than the one above
it. Purely cosmetic, so off by default: switch it on with `# dclint enable
service-ports-alphabetical-order` or a severity in the settings.

## Why is this bad?
It is not wrong; ordered ports are quick to scan for clashes.

## Example
```yaml
services:
  web:
    image: nginx:1.27
    ports: ["8443:443", "8080:80"]
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
    ports: ["8080:80", "8443:443"]
```

## References
- dclint `service-ports-alphabetical-order`
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        let mut previous: Option<(u32, usize)> = None;
        for port in super::ports::published(&entry.value)
            .into_iter()
            .filter(|p| !p.interpolated)
        {
            let key = port.published.map_or(port.target.0, |p| p.0);
            let at = port.node.span.start;
            if previous
                .is_some_and(|(before, before_at)| key < before && ctx.same_file(before_at, at))
            {
                out.push(Finding::new(
                    port.node.span,
                    format!("Ports in service \"{service}\" should be in ascending order: \"{}\" is out of place.", port.written),
                ));
            }
            previous = Some((key, at));
        }
    }
}
