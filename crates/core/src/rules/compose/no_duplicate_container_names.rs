use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "no-duplicate-container-names",
        aliases: &[],
        summary: "Every container_name is unique",
        severity: Severity::Error,
        origin: Origin::Dclint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a `container_name` already used by an earlier service of the file.

Only services that run together are compared: a service with `profiles:`
runs only when one of its profiles is active (`dockwright lint --profile` or
`COMPOSE_PROFILES`, as with `docker compose`; none by default), so a service
in a profile that is not active shares it with nobody.

## Why is this bad?
Docker refuses to create a second container with a name in use: the second service
fails to start with "Conflict. The container name … is already in use".

## Example
```yaml
services:
  api:
    image: acme/api:1.4
    container_name: app
  worker:
    image: acme/worker:1.4
    container_name: app
```

## Use instead
```yaml
services:
  api:
    image: acme/api:1.4
    container_name: app-api
  worker:
    image: acme/worker:1.4
    container_name: app-worker
```

## References
- dclint `no-duplicate-container-names`
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for (service, entry) in ctx.services().filter(|(_, e)| super::runs(ctx, &e.value)) {
        let Some(node) = entry.value.get("container_name") else {
            continue;
        };
        let Some(name) = super::literal(node) else {
            continue;
        };
        match seen.iter().find(|(n, _)| *n == name) {
            Some((_, first)) => out.push(Finding::new(
                node.span,
                format!("Service \"{service}\" has a duplicate container name \"{name}\" with service \"{first}\". Container names MUST BE unique."),
            )),
            None => seen.push((name, service)),
        }
    }
}
