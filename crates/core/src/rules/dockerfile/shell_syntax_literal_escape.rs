use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC1012",
        aliases: &[],
        summary: "`\n`, `\t` or `\r` outside quotes is a plain letter",
        severity: Severity::Warning,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `\n`, `\t` or `\r` outside quotes, as ShellCheck's SC1012: the shell turns it into the letter `n`, `t` or `r`.

## Why is this bad?
`printf %s\n x` prints `%sn`: the line break the writer meant is not there.

## Example
```dockerfile
RUN printf %s\n hello
```

## Use instead
```dockerfile
RUN printf '%s\n' hello
```

## References
- ShellCheck `SC1012` (run by hadolint on every RUN)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    shellcheck::syntax_errors(ctx, 1012, out);
}
