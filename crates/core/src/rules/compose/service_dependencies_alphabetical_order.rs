use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "service-dependencies-alphabetical-order",
        aliases: &[],
        summary: "depends_on entries are in alphabetical order (style)",
        severity: Severity::Style,
        origin: Origin::Dclint,
        off_by_default: true,
        docs: r#"## What it does
Flags a `depends_on` entry that sorts before the entry above it. Purely cosmetic, so
off by default: switch it on with `# dclint enable
service-dependencies-alphabetical-order` or a severity in the settings.

## Why is this bad?
It is not wrong; a fixed order makes dependency lists easy to compare.

## Example
```yaml
services:
  api:
    image: acme/api:1.4
    depends_on: [redis, db]
```

## Use instead
```yaml
services:
  api:
    image: acme/api:1.4
    depends_on: [db, redis]
```

## References
- dclint `service-dependencies-alphabetical-order`
"#,
    },
    check,
};

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        let Some(depends_on) = entry.value.get("depends_on") else {
            continue;
        };
        let mut previous: Option<&str> = None;
        for node in super::names_of(depends_on) {
            let Some(name) = node.as_str() else { continue };
            if previous.is_some_and(|before| name < before) {
                out.push(Finding::new(
                    node.span,
                    format!("Services in \"depends_on\" of \"{service}\" should be in alphabetical order: \"{name}\" is out of place."),
                ));
            }
            previous = Some(name);
        }
    }
}
