use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::shell::Word;

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC2185",
        aliases: &[],
        summary: "Some finds don't have a default path. Specify '.' explicitly",
        severity: Severity::Info,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `find` given no starting path (`find -name '*.pyc' -delete`), as
ShellCheck's SC2185. Leading options such as `-H`, `-L` or `-O3` are skipped
when looking for the path; `find --help` is left alone.

## Why is this bad?
GNU find starts at `.`, but busybox's and BSD's `find` need the path: the
same RUN deletes the files on Debian and fails on Alpine (or on the next
base image). Where `.` is, in a Dockerfile, also depends on the last
WORKDIR.

## Example
```dockerfile
RUN find -name '*.pyc' -delete
```

## Use instead
```dockerfile
RUN find /app -name '*.pyc' -delete
```

## References
- ShellCheck `SC2185` (run by hadolint on every RUN)
"#;

/// Options find takes before its paths (ShellCheck's list of GNU and macOS ones).
const LEADING_FLAG_CHARS: &str = "-EHLPXdfsxO0123456789";

/// Whether the arguments name a path before the expression starts.
fn has_path(args: &[Word]) -> bool {
    for arg in args {
        // An argument with an expansion counts as a path, as in ShellCheck.
        let Some(text) = arg.unquoted() else {
            return true;
        };
        if !text.starts_with('-') {
            return true;
        }
        let leading =
            text.chars().count() <= 2 || text.chars().all(|c| LEADING_FLAG_CHARS.contains(c));
        if !leading {
            return false;
        }
    }
    false
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (_, script, _) in shellcheck::readable_scripts(ctx) {
        shellcheck::each_simple(&script.parsed.list, &mut |simple, _| {
            if shellcheck::basename(simple) != Some("find") {
                return;
            }
            if shellcheck::flags(simple).iter().any(|f| f == "help") || has_path(&simple.words[1..])
            {
                return;
            }
            out.push(shellcheck::finding(
                script,
                simple.words[0].span,
                "Some finds don't have a default path. Specify '.' explicitly.",
            ));
        });
    }
}
