use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC1036",
        aliases: &[],
        summary: "`(` where the shell does not allow it",
        severity: Severity::Error,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a `(` in the middle of a command's words, as ShellCheck's SC1036 (with SC1088 where the reading stops).

## Why is this bad?
The shell rejects the line with a syntax error: the RUN fails. Often a PowerShell or cmd line in a stage whose SHELL is still `/bin/sh`, or a parenthesis meant literally.

## Example
```dockerfile
RUN echo see (docs)
```

## Use instead
```dockerfile
RUN echo "see (docs)"
```

## References
- ShellCheck `SC1036` (run by hadolint on every RUN)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    shellcheck::syntax_errors(ctx, 1036, out);
}
