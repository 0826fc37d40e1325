use crate::diagnostic::Severity;
use crate::dockerfile::Keyword;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL4003",
        aliases: &["MultipleInstructionsDisallowed"],
        summary: "Only one CMD per stage",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags every `CMD` in a stage except the last one.

## Why is this bad?
Only the last `CMD` of a stage takes effect; the earlier ones are dead
code that readers will believe in.

## Example
```dockerfile
FROM alpine
CMD ["echo", "first"]
CMD ["echo", "second"]
```

## Use instead
Keep one `CMD` per stage.

## References
- hadolint `DL4003`; BuildKit check `MultipleInstructionsDisallowed` (its message; BuildKit
  reports the instruction that will be ignored, as here)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    super::report_repeated(ctx, Keyword::Cmd, "CMD", out);
}
