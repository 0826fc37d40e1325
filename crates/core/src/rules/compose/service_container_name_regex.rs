use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "service-container-name-regex",
        aliases: &[],
        summary: "container_name is a name Docker accepts",
        severity: Severity::Error,
        origin: Origin::Dclint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a `container_name` that Docker would refuse: it must match
`[a-zA-Z0-9][a-zA-Z0-9_.-]+` as a whole (the compose schema only checks that such a run
appears somewhere in the name).

## Why is this bad?
`docker compose up` fails for that service with "Invalid container name".

## Example
```yaml
services:
  api:
    image: acme/api:1.4
    container_name: "acme api"
```

## Use instead
```yaml
services:
  api:
    image: acme/api:1.4
    container_name: acme-api
```

## References
- dclint `service-container-name-regex`
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        let Some(node) = entry.value.get("container_name") else {
            continue;
        };
        let Some(name) = super::literal(node) else {
            continue;
        };
        let bytes = name.as_bytes();
        let valid = bytes.len() >= 2
            && bytes[0].is_ascii_alphanumeric()
            && bytes[1..]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(b));
        if !valid {
            out.push(Finding::new(
                node.span,
                format!("Service \"{service}\" has an invalid container name \"{name}\": it must match [a-zA-Z0-9][a-zA-Z0-9_.-]+"),
            ));
        }
    }
}
