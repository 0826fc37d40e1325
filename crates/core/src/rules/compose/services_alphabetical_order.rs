use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "services-alphabetical-order",
        aliases: &[],
        summary: "Services are in alphabetical order (style)",
        severity: Severity::Style,
        origin: Origin::Dclint,
        off_by_default: true,
        docs: r#"## What it does
Flags a service whose name sorts before the service above it. Purely cosmetic, so off
by default: switch it on with `# dclint enable services-alphabetical-order` or a
severity in the settings.

## Why is this bad?
It is not wrong; in long files a fixed order makes a service quick to find.

## Example
```yaml
services:
  web:
    image: nginx:1.27
  db:
    image: postgres:16.4
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
  web:
    image: nginx:1.27
```

## References
- dclint `services-alphabetical-order`
"#,
    },
    check,
};

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    let mut previous: Option<&str> = None;
    for (name, entry) in ctx.services() {
        if let Some(before) = previous.filter(|b| name < *b) {
            out.push(Finding::new(
                entry.key.span,
                format!("Services should be sorted alphabetically: \"{name}\" should come before \"{before}\"."),
            ));
        }
        previous = Some(name);
    }
}
