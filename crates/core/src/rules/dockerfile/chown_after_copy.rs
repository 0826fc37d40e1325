use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DW1004",
        aliases: &[],
        summary: "Use COPY --chown instead of chown after COPY",
        severity: Severity::Warning,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `RUN chown` (or `chmod`) of a path that an earlier `COPY`/`ADD` of the same stage wrote.

## Why is this bad?
The RUN copies every changed file into a new layer: the image carries the files twice. `COPY --chown=user:group` (and `--chmod`) sets ownership in the same layer.

## Example
```dockerfile
COPY . /app
RUN chown -R node:node /app
```

## Use instead
```dockerfile
COPY --chown=node:node . /app
```

## References
- Dockwright
- https://docs.docker.com/reference/dockerfile/#copy---chown---chmod
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for stage in &ctx.dockerfile.stages {
        let mut copied: Vec<String> = Vec::new();
        for &index in &stage.instructions {
            let instruction = &ctx.dockerfile.instructions[index];
            match &instruction.command {
                Command::Copy { dest, .. } | Command::Add { dest, .. } => {
                    copied.push(dest.value.trim_end_matches('/').to_string());
                }
                Command::Run { .. } => {
                    let Some(run) = ctx.run_of(index) else {
                        continue;
                    };
                    for command in &run.commands {
                        let Some(tool @ ("chown" | "chmod")) = command.program() else {
                            continue;
                        };
                        let hits = command.operands().skip(1).any(|w| {
                            let path = w.value.trim_end_matches('/');
                            copied.iter().any(|c| {
                                !c.is_empty()
                                    && c.starts_with('/')
                                    && (path == c || path.starts_with(&format!("{c}/")))
                            })
                        });
                        if hits {
                            let flag = if tool == "chown" {
                                "--chown"
                            } else {
                                "--chmod"
                            };
                            out.push(Finding::new(
                                command.span,
                                format!("`{tool}` after COPY duplicates the copied files in a new layer; use `COPY {flag}=…` instead"),
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}
