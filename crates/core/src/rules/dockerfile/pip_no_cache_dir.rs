use super::packages::option_fix;
use super::packages::{cache_or_tmpfs_mounted, installed};
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
Flags `pip install` without `--no-cache-dir`, unless pip is told not to cache
another way: `PIP_NO_CACHE_DIR` set to a true value (`1`, `true`, `on`,
`yes`) by an `ENV` of the stage or of the stage it is built `FROM`, or in the
RUN itself (`PIP_NO_CACHE_DIR=1 pip …`, `export PIP_NO_CACHE_DIR=1 && …`),
or a cache or tmpfs mount over `.cache/pip`. `pipx` and `pipenv` are not
pip and are left alone. Triggers of `ONBUILD RUN` are checked too.

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

/// `PIP_NO_CACHE_DIR` values pip reads as true (hadolint's list).
const TRUTHY: [&str; 10] = [
    "1", "true", "True", "TRUE", "on", "On", "ON", "yes", "Yes", "YES",
];

/// Whether the text sets `PIP_NO_CACHE_DIR` to a true value somewhere.
fn sets_no_cache(text: &str) -> bool {
    text.match_indices("PIP_NO_CACHE_DIR=").any(|(at, key)| {
        let value = text[at + key.len()..].trim_start_matches(['"', '\'']);
        TRUTHY.iter().any(|t| value.starts_with(t))
    })
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    // Per stage: whether its ENV (or its base stage's) turns the cache off.
    let mut stage_disables: Vec<bool> = Vec::new();
    for (stage_index, stage) in ctx.dockerfile.stages.iter().enumerate() {
        let mut env_disables_cache = ctx
            .base_stage(stage_index)
            .is_some_and(|parent| stage_disables[parent]);
        for &index in &stage.instructions {
            let instruction = &ctx.dockerfile.instructions[index];
            if let Command::Env { pairs } = &instruction.command {
                for pair in pairs.iter().filter(|p| p.key.value == "PIP_NO_CACHE_DIR") {
                    env_disables_cache = TRUTHY.contains(&pair.value.value.as_str());
                }
            }
            let Some(run) = ctx.run_of(index) else {
                continue;
            };
            let instruction = ctx.instruction(run);
            let run_text = ctx
                .text
                .get(instruction.span.start..instruction.span.end)
                .unwrap_or_default();
            if env_disables_cache
                || sets_no_cache(run_text)
                || cache_or_tmpfs_mounted(instruction, ".cache/pip")
            {
                continue;
            }
            for command in &run.commands {
                let Some(("pip", _)) = installed(command) else {
                    continue;
                };
                if command.program().is_some_and(|p| p.starts_with("pipx")) {
                    continue;
                }
                if !command.has_flag(&["--no-cache-dir"]) {
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
        stage_disables.push(env_disables_cache);
    }
}
