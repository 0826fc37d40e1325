use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "InvalidDefinitionDescription",
        aliases: &[],
        summary: "A comment right above ARG or FROM … AS describes it by name",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: true,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
When comment lines sit directly above an `ARG` or a named `FROM … AS stage`, BuildKit
treats the last of them as the definition's description, shown by `docker buildx build
--call=outline`. This check asks that that comment start with the argument or stage
name (`# version the release to build`). As in BuildKit, blank lines between the
comment and the instruction do not separate them, and stage names are compared in
lower case.

Experimental in BuildKit, so off by default here too: switch it on with
`# check=experimental=InvalidDefinitionDescription` at the top of the Dockerfile, or by
giving it a severity in the settings.

## Why is this bad?
Build tooling shows these comments as documentation of the build's inputs; a comment
that is not a description shows up there as nonsense.

## Example
```dockerfile
# check=experimental=InvalidDefinitionDescription
# pinned because 3.21 broke musl
ARG ALPINE_VERSION=3.20
FROM alpine:${ALPINE_VERSION}
```

## Use instead
```dockerfile
# check=experimental=InvalidDefinitionDescription
# ALPINE_VERSION the Alpine release to build on (pinned because 3.21 broke musl)
ARG ALPINE_VERSION=3.20
FROM alpine:${ALPINE_VERSION}
```

## References
- BuildKit check `InvalidDefinitionDescription` (experimental):
  https://docs.docker.com/go/dockerfile/rule/invalid-definition-description/
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        let node = &ctx.dockerfile.nodes[instruction.node];
        // ONBUILD triggers carry no description of their own.
        if node.kind != Some(instruction.keyword) {
            continue;
        }
        let (kind, names): (&str, Vec<String>) = match &instruction.command {
            Command::Arg { args } => ("ARG", args.iter().map(|a| a.name.value.clone()).collect()),
            Command::From {
                stage_name: Some(name),
                ..
            } => ("FROM", vec![name.value.to_lowercase()]),
            _ => continue,
        };
        let Some(description) = node.comments.last() else {
            continue;
        };
        let first = description.split(' ').next().unwrap_or_default();
        if names.is_empty() || names.iter().any(|n| n == first) {
            continue;
        }
        let example = if names.len() > 1 {
            "<arg_key>"
        } else {
            names[0].as_str()
        };
        out.push(Finding::new(
            instruction.span,
            format!("Comment for {kind} should follow the format: `# {example} <description>`"),
        ));
    }
}
