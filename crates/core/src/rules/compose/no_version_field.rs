use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "no-version-field",
        aliases: &[],
        summary: "No top-level `version`: it is obsolete",
        severity: Severity::Warning,
        origin: Origin::Dclint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags the top-level `version` key.

## Why is this bad?
The Compose Specification has no version: Docker Compose ignores the key and warns
"the attribute `version` is obsolete". Keeping it suggests that features depend on it
(they do not) and copies an old format's habits into new files.

## Example
```yaml
version: "3.8"
services:
  web:
    image: nginx:1.27
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
```

## References
- dclint `no-version-field` (an error there; a warning here, as in Docker Compose)
- Compose file reference, version: https://docs.docker.com/reference/compose-file/version-and-name/
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    if let Some(entry) = ctx.root.entry("version") {
        out.push(Finding::new(
            entry.key.span.cover(entry.value.span),
            "the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion",
        ));
    }
}
