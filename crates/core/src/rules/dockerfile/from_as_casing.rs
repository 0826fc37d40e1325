use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "FromAsCasing",
        aliases: &[],
        summary: "The 'as' keyword should match the case of the 'from' keyword",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `FROM … as name` where the casing of `AS` differs from that of `FROM`.

Quick fix: writes `AS` or `as` to match `FROM`.

## Why is this bad?
Consistent keyword casing keeps a Dockerfile easy to scan; BuildKit warns
about the mix.

## Example
```dockerfile
FROM debian:12 as builder
```

## Use instead
```dockerfile
FROM debian:12 AS builder
```

## References
- BuildKit check `FromAsCasing`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        let Command::From {
            as_keyword: Some(as_word),
            ..
        } = &instruction.command
        else {
            continue;
        };
        let from = &ctx.dockerfile.nodes[instruction.node].keyword.value;
        let from_upper = from == &from.to_uppercase();
        let from_lower = from == &from.to_lowercase();
        let as_upper = as_word.value == as_word.value.to_uppercase();
        let as_lower = as_word.value == as_word.value.to_lowercase();
        // BuildKit only compares self-consistent keywords: `From` is left to
        // ConsistentInstructionCasing.
        if (from_upper && !as_upper) || (from_lower && !as_lower) {
            let wanted = if from_upper { "AS" } else { "as" };
            out.push(
                Finding::new(
                    as_word.span,
                    format!(
                        "'{}' and '{}' keywords' casing do not match",
                        as_word.value, from
                    ),
                )
                .with_fix(Fix::new(
                    format!("Write `{wanted}`"),
                    vec![Edit::replace(as_word.span, wanted)],
                )),
            );
        }
    }
}
