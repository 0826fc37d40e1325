use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC3043",
        aliases: &[],
        summary: "In POSIX sh, 'local' is undefined",
        severity: Severity::Warning,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `local` in a script run by a POSIX shell (the default `/bin/sh -c`, or a
SHELL of `sh`, `dash`, `ash`), as ShellCheck's SC3043. Stages whose SHELL is
bash are left alone.

## Why is this bad?
POSIX does not define `local`. dash and busybox sh accept it, so the RUN
works on Debian and Alpine, but a base image whose `/bin/sh` is another
POSIX shell (ksh93 without `local`, for one) fails — and the script's
behaviour then depends on the image.

## Example
```dockerfile
RUN fetch() { local url="$1"; wget -q "$url"; }; fetch https://example.com/app.tgz
```

## Use instead
```dockerfile
SHELL ["/bin/bash", "-c"]
RUN fetch() { local url="$1"; wget -q "$url"; }; fetch https://example.com/app.tgz
```

## References
- ShellCheck `SC3043` (run by hadolint on every RUN)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    shellcheck::in_posix_sh(ctx, "local", &mut |script, simple| {
        out.push(shellcheck::finding(
            script,
            simple.span,
            "In POSIX sh, 'local' is undefined.",
        ));
    });
}
