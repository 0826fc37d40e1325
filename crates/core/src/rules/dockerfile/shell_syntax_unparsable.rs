use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC1073",
        aliases: &[],
        summary: "The shell cannot read this script",
        severity: Severity::Error,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags what the shell cannot read, at the construct that is not closed or not matched, as ShellCheck's SC1073 ("Couldn't parse this …"): an unclosed quote, `$(`, `${` or backquote, an `if` without `fi`, a `do` without `done`, a `case` without `esac`, a `{` without `}`, an `&&` with no command after it. No other shell check runs on that script until it reads (ShellCheck does the same).

## Why is this bad?
The shell stops with a syntax error and the RUN fails.

## Example
```dockerfile
RUN if [ -f /etc/alpine-release ]; then apk add curl
```

## Use instead
```dockerfile
RUN if [ -f /etc/alpine-release ]; then apk add curl; fi
```

## References
- ShellCheck `SC1073` (run by hadolint on every RUN)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    shellcheck::syntax_errors(ctx, 1073, out);
}
