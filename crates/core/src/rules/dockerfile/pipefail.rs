use crate::diagnostic::Severity;
use crate::dockerfile::sh::Connector;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL4006",
        aliases: &[],
        summary: "Set -o pipefail before RUN with a pipe",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a shell-form RUN with a pipe (`a | b`) when the stage's shell does
 not have `pipefail` set (through `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`)
 and the RUN does not start with `set -o pipefail` (or `set -euo pipefail`).
 A stage built `FROM` an earlier stage inherits its SHELL. `-o pipefail` in a
 SHELL counts for bash, ash, zsh and ksh; `sh`/`dash` reject the option.
 Stages whose SHELL is not a POSIX shell (PowerShell, cmd) are left alone.

## Why is this bad?
`/bin/sh -c` reports only the last command of a pipeline: `curl … | tar x` succeeds even when the download failed, and the build goes on with a broken layer.

## Example
```dockerfile
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
```

## Use instead
```dockerfile
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/tool.tgz | tar -xz -C /usr/local/bin
```

## References
- hadolint `DL4006`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    // Per stage: whether its SHELL fails a pipe (inherited by stages built
    // FROM it).
    let mut stage_pipefail: Vec<bool> = Vec::new();
    for (stage_index, stage) in ctx.dockerfile.stages.iter().enumerate() {
        let mut pipefail = ctx
            .base_stage(stage_index)
            .is_some_and(|parent| stage_pipefail[parent]);
        for &index in &stage.instructions {
            let instruction = &ctx.dockerfile.instructions[index];
            if let Command::Shell { args } = &instruction.command {
                let words: Vec<&str> = args.iter().map(|a| a.value.as_str()).collect();
                let program = words
                    .first()
                    .map(|s| s.rsplit(['/', '\\']).next().unwrap_or(s))
                    .unwrap_or_default();
                // A SHELL that is not a POSIX shell (PowerShell, cmd) has no
                // pipefail to set; `sh` and `dash` do not know the option.
                let posix = ["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"].contains(&program);
                let knows_pipefail = ["bash", "ash", "zsh", "ksh", "mksh"].contains(&program);
                pipefail = !posix
                    || (knows_pipefail
                        && words.windows(2).any(|w| {
                            w[0].starts_with('-') && w[0].contains('o') && w[1] == "pipefail"
                        }));
                continue;
            }
            let Some(run) = ctx.run_of(index) else {
                continue;
            };
            if instruction.json || pipefail {
                continue;
            }
            let sets_pipefail = run.commands.first().is_some_and(|c| {
                c.program() == Some("set")
                    && c.args().windows(2).any(|w| {
                        w[0].value.starts_with('-')
                            && w[0].value.contains('o')
                            && w[1].value == "pipefail"
                    })
            });
            if !sets_pipefail && run.commands.iter().any(|c| c.connector == Connector::Pipe) {
                out.push(Finding::new(
                    instruction.span,
                    "Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check",
                ));
            }
        }
        stage_pipefail.push(pipefail);
    }
}
