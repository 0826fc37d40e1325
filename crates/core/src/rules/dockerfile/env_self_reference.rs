use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3044",
        aliases: &[],
        summary: "Do not refer to a variable in the ENV that defines it",
        severity: Severity::Error,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `ENV A=1 B=$A` where `$A` refers to a variable defined earlier in the same `ENV` and not before it.

## Why is this bad?
All values of one ENV are expanded with the environment from before the instruction, so `$A` is empty (or an older value) there, not `1`.

## Example
```dockerfile
ENV APP_HOME=/app APP_BIN=$APP_HOME/bin
```

## Use instead
```dockerfile
ENV APP_HOME=/app
ENV APP_BIN=$APP_HOME/bin
```

## References
- hadolint `DL3044`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (index, instruction) in ctx.dockerfile.instructions.iter().enumerate() {
        let Command::Env { pairs } = &instruction.command else {
            continue;
        };
        for (i, pair) in pairs.iter().enumerate() {
            let Some(word) = ctx
                .expansion(pair.value.span)
                .filter(|w| w.instruction == index)
            else {
                continue;
            };
            for earlier in &pairs[..i] {
                if word.undefined.contains(&earlier.key.value) {
                    out.push(Finding::new(
                        pair.value.span,
                        format!(
                            "Do not refer to an environment variable within the same ENV statement where it is defined: ${} is not set yet here",
                            earlier.key.value
                        ),
                    ));
                }
            }
        }
    }
}
