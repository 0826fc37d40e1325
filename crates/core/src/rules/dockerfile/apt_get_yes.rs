use super::packages::installed;
use super::packages::option_fix;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3014",
        aliases: &[],
        summary: "Use -y with apt-get install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `apt-get install` without `-y`, `--yes`, `--assume-yes` or `-qq`.

Quick fix: adds `-y` after `install` (shell form only).

## Why is this bad?
Without it the build stops at apt-get's confirmation prompt and fails.

## Example
```dockerfile
RUN apt-get install curl
```

## Use instead
```dockerfile
RUN apt-get install -y curl
```

## References
- hadolint `DL3014`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            let Some(("apt-get", _)) = installed(command) else {
                continue;
            };
            // Quiet level 2 (`-qq`, `-q -q`, `--quiet --quiet`) implies -y.
            let quiet_level: usize = command
                .args()
                .iter()
                .map(|w| match w.value.as_str() {
                    "--quiet" => 1,
                    "-q=2" | "--quiet=2" => 2,
                    v if v.starts_with('-') && !v.starts_with("--") => v.matches('q').count(),
                    _ => 0,
                })
                .sum();
            let yes = command.has_flag(&["-y", "--yes", "--assume-yes"]) || quiet_level >= 2;
            if !yes {
                let finding = Finding::new(
                    command.span,
                    "Use the `-y` switch to avoid manual input `apt-get -y install <package>`",
                );
                out.push(match option_fix(ctx, run, command, "-y") {
                    Some(fix) => finding.with_fix(fix),
                    None => finding,
                });
            }
        }
    }
}
