use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "service-keys-order",
        aliases: &[],
        summary: "Keys of a service follow dclint's group order (style)",
        severity: Severity::Style,
        origin: Origin::Dclint,
        off_by_default: true,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a service key that belongs before the key right above it, in dclint's default
order: image, build, container_name; depends_on; volumes, volumes_from, configs,
secrets; environment, env_file; ports, networks, network_mode, extra_hosts; command,
entrypoint, working_dir, restart, healthcheck; logging, labels; user, isolation; then
every other key alphabetically. Purely cosmetic, so off by default: switch it on with
`# dclint enable service-keys-order` or a severity in the settings.

## Why is this bad?
It is not wrong; one order across services makes them quick to read side by side.

## Example
```yaml
services:
  web:
    ports: ["8080:80"]
    image: nginx:1.27
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
```

## References
- dclint `service-keys-order`
"#;

const ORDER: [&str; 24] = [
    "image",
    "build",
    "container_name",
    "depends_on",
    "volumes",
    "volumes_from",
    "configs",
    "secrets",
    "environment",
    "env_file",
    "ports",
    "networks",
    "network_mode",
    "extra_hosts",
    "command",
    "entrypoint",
    "working_dir",
    "restart",
    "healthcheck",
    "logging",
    "labels",
    "user",
    "isolation",
    "",
];

/// Where a service key goes when the formatter puts them in this order:
/// dclint's groups, then every other key alphabetically.
pub fn sort_key(key: &str) -> (usize, String) {
    match ORDER.iter().position(|k| *k == key) {
        Some(i) => (i, String::new()),
        None => (ORDER.len(), key.to_string()),
    }
}

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        let keys: Vec<&str> = entry
            .value
            .entries()
            .iter()
            .filter(|e| !e.merged)
            .filter_map(|e| e.key.as_str())
            .collect();
        let mut others: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| !ORDER.contains(k))
            .collect();
        crate::sort::sort(&mut others);
        let rank = |key: &str| -> usize {
            ORDER
                .iter()
                .position(|k| *k == key)
                .unwrap_or_else(|| ORDER.len() + others.iter().position(|k| *k == key).unwrap_or(0))
        };
        // As dclint: each key is compared with the key right above it.
        // Keys merged from another file (an override) start afresh.
        let mut last = 0;
        let mut last_at = None;
        // In the order written (a merged mapping lists an override's keys
        // where the base had them).
        let mut written: Vec<&crate::yaml::Entry> =
            entry.value.entries().iter().filter(|e| !e.merged).collect();
        crate::sort::sort_by_key(&mut written, |e| e.key.span.start);
        for e in written {
            let Some(key) = e.key.as_str() else { continue };
            if last_at.is_some_and(|at| !ctx.same_file(at, e.key.span.start)) {
                last = 0;
            }
            last_at = Some(e.key.span.start);
            let r = rank(key);
            if r < last {
                out.push(Finding::new(
                    e.key.span,
                    format!("Key \"{key}\" in service \"{service}\" is out of order."),
                ));
            }
            last = r;
        }
    }
}
