use super::packages::option_fix;
use super::packages::{cache_mounted, installed};
use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3042",
        aliases: &[],
        summary: "Use pip install --no-cache-dir",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `pip install` without `--no-cache-dir`, unless the stage sets `PIP_NO_CACHE_DIR` or the RUN keeps pip's cache in a `--mount=type=cache` (hadolint flags that case).

Quick fix: adds `--no-cache-dir` after `install` (shell form only).

## Why is this bad?
pip keeps every downloaded wheel in `~/.cache/pip`, which then ships in the layer.

## Example
```dockerfile
RUN pip install -r requirements.txt
```

## Use instead
```dockerfile
RUN pip install --no-cache-dir -r requirements.txt
```

## References
- hadolint `DL3042`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for stage in &ctx.dockerfile.stages {
        let mut env_disables_cache = false;
        for &index in &stage.instructions {
            let instruction = &ctx.dockerfile.instructions[index];
            if let Command::Env { pairs } = &instruction.command {
                env_disables_cache |= pairs.iter().any(|p| p.key.value == "PIP_NO_CACHE_DIR");
            }
            let Some(run) = ctx.run_of(index) else {
                continue;
            };
            if env_disables_cache
                || cache_mounted(instruction, "/root/.cache/pip")
                || cache_mounted(instruction, "/root/.cache")
            {
                continue;
            }
            for command in &run.commands {
                let Some(("pip", _)) = installed(command) else {
                    continue;
                };
                let assigned = command
                    .assignments
                    .iter()
                    .any(|a| a.value.starts_with("PIP_NO_CACHE_DIR="));
                if !command.has_flag(&["--no-cache-dir"]) && !assigned {
                    let finding = Finding::new(
                        command.span,
                        "Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`");
                    out.push(match option_fix(ctx, run, command, "--no-cache-dir") {
                        Some(fix) => finding.with_fix(fix),
                        None => finding,
                    });
                }
            }
        }
    }
}
