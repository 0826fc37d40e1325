use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC1088",
        aliases: &[],
        summary: "Parsing stopped at a parenthesis",
        severity: Severity::Error,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags the `(` where the shell stops reading a script, as ShellCheck's SC1088 ("Parsing stopped here. Invalid use of parentheses?"). No other shell check runs on that script.

## Why is this bad?
The shell rejects the script with a syntax error: the RUN fails. Usually a parenthesis meant literally, or a PowerShell line in a stage whose SHELL is still `/bin/sh`.

## Example
```dockerfile
RUN echo result (cached)
```

## Use instead
```dockerfile
RUN echo "result (cached)"
```

## References
- ShellCheck `SC1088` (run by hadolint on every RUN)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    shellcheck::syntax_errors(ctx, 1088, out);
}
