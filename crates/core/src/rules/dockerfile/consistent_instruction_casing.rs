use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "ConsistentInstructionCasing",
        aliases: &[],
        summary: "All instructions should use the same casing (all upper or all lower)",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Counts upper-case and lower-case instruction keywords and flags every keyword
that does not follow the majority, as well as mixed-case ones like `Run`.

Quick fix: writes the keyword in the majority's casing.

## Why is this bad?
Instructions are case-insensitive, but a file that mixes `RUN` and `run`
is harder to read and suggests copy-pasted fragments.

## Example
```dockerfile
FROM alpine
run echo hello
```

## Use instead
```dockerfile
FROM alpine
RUN echo hello
```

## References
- BuildKit check `ConsistentInstructionCasing`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let keywords: Vec<_> = ctx
        .dockerfile
        .instructions
        .iter()
        .map(|i| &ctx.dockerfile.nodes[i.node].keyword)
        .collect();
    let (mut lower, mut upper) = (0, 0);
    for keyword in &keywords {
        if keyword.value == keyword.value.to_lowercase() {
            lower += 1;
        } else if keyword.value == keyword.value.to_uppercase() {
            upper += 1;
        }
    }
    let majority_lower = lower > upper;
    for keyword in keywords {
        let wanted = if majority_lower {
            keyword.value.to_lowercase()
        } else {
            keyword.value.to_uppercase()
        };
        if keyword.value != wanted {
            let casing = if majority_lower {
                "lowercase"
            } else {
                "uppercase"
            };
            out.push(
                Finding::new(
                    keyword.span,
                    format!(
                        "Command '{}' should match the case of the command majority ({casing})",
                        keyword.value
                    ),
                )
                .with_fix(Fix::new(
                    format!("Write `{wanted}`"),
                    vec![Edit::replace(keyword.span, wanted.clone())],
                )),
            );
        }
    }
}
