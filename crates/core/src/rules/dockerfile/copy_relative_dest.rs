use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3045",
        aliases: &[],
        summary: "COPY to a relative destination needs a WORKDIR",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `COPY` (and `ADD`) to a relative destination in a stage that has not set `WORKDIR` (a stage built `FROM` an earlier stage inherits its WORKDIR).

## Why is this bad?
A relative destination lands in the base image's working directory, which you do not control and which may change.

## Example
```dockerfile
FROM node:22
COPY package.json .
```

## Use instead
```dockerfile
FROM node:22
WORKDIR /app
COPY package.json .
```

## References
- hadolint `DL3045`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let mut has_workdir: Vec<bool> = Vec::new();
    for (stage_index, stage) in ctx.dockerfile.stages.iter().enumerate() {
        let mut workdir = ctx
            .base_stage(stage_index)
            .is_some_and(|parent| has_workdir[parent]);
        for &index in &stage.instructions {
            match &ctx.dockerfile.instructions[index].command {
                Command::Workdir { .. } => workdir = true,
                Command::Copy { dest, .. } | Command::Add { dest, .. } if !workdir => {
                    let v = dest.value.trim_matches(['"', '\'']);
                    let absolute = v.starts_with('/')
                        || v.starts_with('$')
                        || v.starts_with('\\')
                        || (v.len() >= 2 && v.as_bytes()[1] == b':');
                    if !absolute {
                        out.push(Finding::new(
                            dest.span,
                            "`COPY` to a relative destination without `WORKDIR` set.",
                        ));
                    }
                }
                _ => {}
            }
        }
        has_workdir.push(workdir);
    }
}
