use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "no-quotes-in-volumes",
        aliases: &[],
        summary: "Short-syntax volumes are written without quotes (style)",
        severity: Severity::Style,
        origin: Origin::Dclint,
        off_by_default: true,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a quoted short-syntax `volumes` entry of a service. Purely cosmetic, so off by
default: switch it on with `# dclint enable no-quotes-in-volumes` or a severity in the
settings.

## Why is this bad?
It is not: quotes are harmless here. Teams that want one style for volume entries use
it.

## Example
```yaml
services:
  db:
    image: postgres:16.4
    volumes:
      - "db-data:/var/lib/postgresql/data"
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
    volumes:
      - db-data:/var/lib/postgresql/data
```

## References
- dclint `no-quotes-in-volumes`
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        let Some(volumes) = entry.value.get("volumes") else {
            continue;
        };
        for item in volumes.items() {
            if item.scalar().is_some_and(|s| !s.plain) {
                out.push(Finding::new(
                    item.span,
                    format!("Service \"{service}\": write the volume without quotes"),
                ));
            }
        }
    }
}
