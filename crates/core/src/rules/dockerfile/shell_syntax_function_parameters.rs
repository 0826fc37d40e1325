use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC1065",
        aliases: &[],
        summary: "Function parameters written in the parentheses",
        severity: Severity::Error,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `name(a, b)` or `function name(a)`, as ShellCheck's SC1065: shell functions take no declared parameters.

## Why is this bad?
The shell rejects the definition: the RUN fails. Arguments arrive as `$1`, `$2`, ….

## Example
```dockerfile
RUN greet(name) { echo "hi $name"; }; greet you
```

## Use instead
```dockerfile
RUN greet() { echo "hi $1"; }; greet you
```

## References
- ShellCheck `SC1065` (run by hadolint on every RUN)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    shellcheck::syntax_errors(ctx, 1065, out);
}
