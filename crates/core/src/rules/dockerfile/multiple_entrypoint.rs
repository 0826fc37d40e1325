use crate::diagnostic::Severity;
use crate::dockerfile::Keyword;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL4004",
        aliases: &["MultipleInstructionsDisallowed"],
        summary: "Only one ENTRYPOINT per stage",
        severity: Severity::Error,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags every `ENTRYPOINT` in a stage except the last one.

## Why is this bad?
Only the last `ENTRYPOINT` of a stage takes effect; the earlier ones are dead
code that readers will believe in.

## Example
```dockerfile
FROM alpine
ENTRYPOINT ["echo", "first"]
ENTRYPOINT ["echo", "second"]
```

## Use instead
Keep one `ENTRYPOINT` per stage.

## References
- hadolint `DL4004`; BuildKit check `MultipleInstructionsDisallowed` (its message; BuildKit
  reports the instruction that will be ignored, as here)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    super::report_repeated(ctx, Keyword::Entrypoint, "ENTRYPOINT", out);
}
