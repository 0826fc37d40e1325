use crate::diagnostic::Severity;
use crate::dockerfile::Keyword;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3012",
        aliases: &["MultipleInstructionsDisallowed"],
        summary: "Only one HEALTHCHECK per stage",
        severity: Severity::Error,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags every `HEALTHCHECK` in a stage except the last one.

## Why is this bad?
Only the last `HEALTHCHECK` of a stage takes effect; the earlier ones are dead
code that readers will believe in.

## Example
```dockerfile
FROM alpine
HEALTHCHECK ["echo", "first"]
HEALTHCHECK ["echo", "second"]
```

## Use instead
Keep one `HEALTHCHECK` per stage.

## References
- hadolint `DL3012`; BuildKit check `MultipleInstructionsDisallowed` (its message; BuildKit
  reports the instruction that will be ignored, as here)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    super::report_repeated(ctx, Keyword::Healthcheck, "HEALTHCHECK", out);
}
