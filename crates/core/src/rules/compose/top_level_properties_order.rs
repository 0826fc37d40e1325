use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "top-level-properties-order",
        aliases: &[],
        summary: "Top-level keys follow dclint's order (style)",
        severity: Severity::Style,
        origin: Origin::Dclint,
        off_by_default: true,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a top-level key out of dclint's order: `x-` extensions (alphabetically), version,
name, include, services, networks, volumes, secrets, configs. Purely cosmetic, so off
by default: switch it on with `# dclint enable top-level-properties-order` or a
severity in the settings.

## Why is this bad?
It is not wrong; one layout across files makes them quick to read.

## Example
```yaml
volumes:
  data: {}
services:
  db:
    image: postgres:16.4
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
volumes:
  data: {}
```

## References
- dclint `top-level-properties-order`
"#;

const ORDER: [&str; 8] = [
    "version", "name", "include", "services", "networks", "volumes", "secrets", "configs",
];

/// Where a top-level key goes when the formatter puts them in this order:
/// `x-*` extensions first (alphabetically), then dclint's order, then keys
/// it does not know, as written.
pub fn sort_key(key: &str) -> (usize, String) {
    if key.starts_with("x-") {
        return (0, key.to_string());
    }
    match ORDER.iter().position(|k| *k == key) {
        Some(i) => (1 + i, String::new()),
        None => (1 + ORDER.len(), String::new()),
    }
}

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    let mut extensions: Vec<&str> = ctx
        .root
        .entries()
        .iter()
        .filter_map(|e| e.key.as_str())
        .filter(|k| k.starts_with("x-"))
        .collect();
    crate::sort::sort(&mut extensions);
    let rank = |key: &str| -> Option<usize> {
        if let Some(i) = extensions.iter().position(|k| *k == key) {
            return Some(i);
        }
        ORDER
            .iter()
            .position(|k| *k == key)
            .map(|i| extensions.len() + i)
    };
    let mut last = 0;
    let mut last_at = None;
    let mut written: Vec<&crate::yaml::Entry> = ctx.root.entries().iter().collect();
    crate::sort::sort_by_key(&mut written, |e| e.key.span.start);
    for entry in written {
        let Some(key) = entry.key.as_str() else {
            continue;
        };
        let Some(r) = rank(key) else { continue };
        // Keys merged from another file (an override) start afresh.
        if last_at.is_some_and(|at| !ctx.same_file(at, entry.key.span.start)) {
            last = 0;
        }
        last_at = Some(entry.key.span.start);
        if r < last {
            out.push(Finding::new(
                entry.key.span,
                format!(
                    "Property \"{key}\" is out of order. Expected order is: x-*, {}.",
                    ORDER.join(", ")
                ),
            ));
        } else {
            last = r;
        }
    }
}
