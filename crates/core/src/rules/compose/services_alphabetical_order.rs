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
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a service whose name sorts before a service above it (case-insensitively, as
dclint sorts), naming the first service it belongs before. Purely cosmetic, so off
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
"#;

/// dclint's order: case-insensitive first, then as written.
pub(super) fn before(a: &str, b: &str) -> bool {
    (a.to_lowercase(), a) < (b.to_lowercase(), b)
}

/// Where a service (or a dependency) goes when the formatter puts them in
/// this order: as `before` says.
pub fn sort_key(name: &str) -> (usize, String) {
    (0, format!("{}\u{0}{name}", name.to_lowercase()))
}

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for (name, entry) in ctx.services() {
        let at = entry.key.span.start;
        // As dclint: the service is misplaced when an earlier one sorts
        // after it; name the first of those in order.
        let misplaced = seen
            .iter()
            .filter(|(_, earlier_at)| ctx.same_file(*earlier_at, at))
            .map(|(earlier, _)| *earlier)
            .filter(|earlier| before(name, earlier))
            .min_by(|a, b| {
                if before(a, b) {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Greater
                }
            });
        if let Some(later) = misplaced {
            out.push(Finding::new(
                entry.key.span,
                format!("Service \"{name}\" should be before \"{later}\"."),
            ));
        }
        seen.push((name, at));
    }
}
