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
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a `depends_on` list that is not in alphabetical order (once per list, at its
first entry out of place, as dclint reports it once per service). Purely cosmetic, so
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
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        let Some(depends_on) = entry.value.get("depends_on") else {
            continue;
        };
        let names: Vec<&crate::yaml::Node> = super::names_of(depends_on)
            .into_iter()
            .filter(|n| n.as_str().is_some())
            .collect();
        // One finding per list, at its first entry out of place.
        let misplaced = names.windows(2).find(|pair| {
            ctx.same_file(pair[0].span.start, pair[1].span.start)
                && super::services_alphabetical_order::before(
                    pair[1].as_str().unwrap_or_default(),
                    pair[0].as_str().unwrap_or_default(),
                )
        });
        if let Some(pair) = misplaced {
            out.push(Finding::new(
                pair[1].span,
                format!("Services in \"depends_on\" for service \"{service}\" should be in alphabetical order: \"{}\" is out of place.", pair[1].as_str().unwrap_or_default()),
            ));
        }
    }
}
