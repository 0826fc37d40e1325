use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC3046",
        aliases: &[],
        summary: "In POSIX sh, 'source' in place of '.' is undefined",
        severity: Severity::Warning,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `source` in a script run by a POSIX shell (the default `/bin/sh -c`,
or a SHELL of `sh`, `dash`, `ash`), as ShellCheck's SC3046. Stages whose
SHELL is bash are left alone.

## Why is this bad?
`source` is a bash word. Debian's and Ubuntu's `/bin/sh` is dash, which
answers `source: not found`, and the RUN fails (or, after `||`, silently
goes on without the variables).

## Example
```dockerfile
RUN source /opt/venv/bin/activate && pip install -r requirements.txt
```

## Use instead
```dockerfile
RUN . /opt/venv/bin/activate && pip install -r requirements.txt
```

## References
- ShellCheck `SC3046` (run by hadolint on every RUN)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    shellcheck::in_posix_sh(ctx, "source", &mut |script, simple| {
        out.push(shellcheck::finding(
            script,
            simple.words[0].span,
            "In POSIX sh, 'source' in place of '.' is undefined.",
        ));
    });
}
