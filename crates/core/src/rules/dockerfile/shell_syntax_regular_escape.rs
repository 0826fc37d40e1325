use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC1001",
        aliases: &[],
        summary: "A backslash before a regular character",
        severity: Severity::Info,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a backslash outside quotes before a character that means nothing special to the shell (`\o`), as ShellCheck's SC1001: the backslash is dropped and the character stays.

## Why is this bad?
The backslash suggests an escape sequence that the shell does not have; what runs is not what the writer meant (often a Windows path or a `\d` meant for grep).

## Example
```dockerfile
RUN echo C:\\tmp\dir
```

## Use instead
```dockerfile
RUN echo 'C:\tmp\dir'
```

## References
- ShellCheck `SC1001` (run by hadolint on every RUN)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    shellcheck::syntax_errors(ctx, 1001, out);
}
