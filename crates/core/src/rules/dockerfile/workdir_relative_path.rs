use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3000",
        aliases: &["WorkdirRelativePath"],
        summary: "Use an absolute WORKDIR",
        severity: Severity::Error,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a relative `WORKDIR` in a stage that has not set an absolute one
before it (a stage built `FROM` an earlier stage inherits that stage's).

## Why is this bad?
A relative `WORKDIR` is resolved against the base image's working directory,
which its maintainers may change at any time.

hadolint flags every relative `WORKDIR`; like BuildKit, this rule accepts
`WORKDIR src` after `WORKDIR /app`, where the result is fully determined.
Values are read after variable expansion, and a value whose variables are
unknown is not flagged.

## Example
```dockerfile
FROM nginx
WORKDIR usr/share/nginx/html
```

## Use instead
```dockerfile
FROM nginx
WORKDIR /usr/share/nginx/html
```

## References
- hadolint `DL3000`; BuildKit check `WorkdirRelativePath`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let mut absolute_by_stage: Vec<bool> = Vec::new();
    for (stage_index, stage) in ctx.dockerfile.stages.iter().enumerate() {
        let mut absolute = ctx
            .base_stage(stage_index)
            .is_some_and(|parent| absolute_by_stage[parent]);
        for &index in &stage.instructions {
            let Command::Workdir { path } = &ctx.dockerfile.instructions[index].command else {
                continue;
            };
            let value = super::expanded_at(ctx, path.span).unwrap_or(&path.value);
            let unknown = path.value.contains('$') && value.is_empty();
            // A Windows path ending in `\"` keeps its quotes unexpanded.
            let bare = value.trim_matches(['"', '\'']);
            let is_absolute =
                bare.starts_with('/') || bare.starts_with('\\') || is_windows_drive(bare);
            if is_absolute {
                absolute = true;
            } else if !absolute && !unknown {
                out.push(Finding::new(
                    path.span,
                    format!(
                        "Relative workdir {} can have unexpected results if the base image changes",
                        crate::dockerfile::go::quote(value)
                    ),
                ));
            }
        }
        absolute_by_stage.push(absolute);
    }
}

fn is_windows_drive(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':'
}
