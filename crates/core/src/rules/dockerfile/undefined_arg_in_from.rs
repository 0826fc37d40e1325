use crate::diagnostic::Severity;
use crate::dockerfile::instructions::suggestion;
use crate::dockerfile::scope::PLATFORM_ARGS;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "UndefinedArgInFrom",
        aliases: &[],
        summary: "FROM may only use ARGs declared before the first FROM",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags variables in `FROM` (image and `--platform`) that no global `ARG` (an
`ARG` before the first `FROM`) declares and that BuildKit does not predefine
(`TARGETPLATFORM`, `BUILDPLATFORM`, … are predefined). A near miss gets a
suggestion.

## Why is this bad?
An undeclared variable expands to an empty string, so `FROM node:${NODE_VERSON}`
quietly becomes `FROM node:` or `FROM node`. ARGs declared inside a stage are
not visible to `FROM`.

## Example
```dockerfile
FROM node:${NODE_VERSION}-alpine
```

## Use instead
```dockerfile
ARG NODE_VERSION=22
FROM node:${NODE_VERSION}-alpine
```

## References
- BuildKit check `UndefinedArgInFrom`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let first_from = ctx.dockerfile.first_from();
    let mut declared: Vec<String> = PLATFORM_ARGS
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    for instruction in ctx.dockerfile.instructions.iter().take(first_from) {
        if let Command::Arg { args } = &instruction.command {
            declared.extend(args.iter().map(|a| a.name.value.clone()));
        }
    }
    let options: Vec<&str> = declared.iter().map(String::as_str).collect();
    // One pass over the expanded words, keeping those of FROM lines.
    for word in &ctx.dockerfile.expansions.words {
        let is_from = ctx
            .dockerfile
            .instructions
            .get(word.instruction)
            .is_some_and(|i| matches!(i.command, Command::From { .. }));
        if is_from {
            for name in &word.undefined {
                let hint = suggestion(name, &options, true);
                out.push(Finding::new(
                    word.span,
                    format!("FROM argument '{name}' is not declared{hint}"),
                ));
            }
        }
    }
}
