use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC2196",
        aliases: &[],
        summary: "egrep is non-standard and deprecated. Use grep -E instead",
        severity: Severity::Info,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags the `egrep` command, as ShellCheck's SC2196.

## Why is this bad?
`egrep` is not in POSIX, and GNU grep 3.8 prints a warning each time it runs
(`egrep: warning: egrep is obsolescent`); minimal images may not have it at
all. `grep -E` does the same everywhere.

## Example
```dockerfile
RUN egrep -q '^(debian|ubuntu)' /etc/os-release
```

## Use instead
```dockerfile
RUN grep -Eq '^(debian|ubuntu)' /etc/os-release
```

## References
- ShellCheck `SC2196` (run by hadolint on every RUN)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (_, script, _) in shellcheck::readable_scripts(ctx) {
        shellcheck::each_simple(&script.parsed.list, &mut |simple, _| {
            if shellcheck::basename(simple) == Some("egrep") {
                out.push(shellcheck::finding(
                    script,
                    simple.words[0].span,
                    "egrep is non-standard and deprecated. Use grep -E instead.",
                ));
            }
        });
    }
}
