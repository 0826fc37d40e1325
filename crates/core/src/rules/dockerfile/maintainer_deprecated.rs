use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL4000",
        aliases: &["MaintainerDeprecated"],
        summary: "MAINTAINER is deprecated; use a label",
        severity: Severity::Error,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags the `MAINTAINER` instruction.

## Why is this bad?
`MAINTAINER` has been deprecated since Docker 1.13; image metadata belongs in
labels, which tools (registries, scanners) read.

## Example
```dockerfile
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```

## References
- hadolint `DL4000`; BuildKit check `MaintainerDeprecated`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        if let Command::Maintainer { .. } = instruction.command {
            out.push(Finding::new(
                instruction.span,
                "Maintainer instruction is deprecated in favor of using label",
            ));
        }
    }
}
