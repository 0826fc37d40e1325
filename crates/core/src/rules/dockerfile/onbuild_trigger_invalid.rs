use crate::diagnostic::Severity;
use crate::dockerfile::Keyword;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3043",
        aliases: &[],
        summary: "ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER",
        severity: Severity::Error,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `ONBUILD ONBUILD …`, `ONBUILD FROM …` and `ONBUILD MAINTAINER …`, at
the trigger's keyword. BuildKit refuses these files too; its error is
reported beside this finding.

## Why is this bad?
Docker does not allow these triggers: the build stops with an error.

## Example
```dockerfile
FROM debian:bookworm-slim
ONBUILD FROM alpine
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
ONBUILD RUN /usr/local/bin/prepare
```

## References
- hadolint `DL3043`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for node in &ctx.dockerfile.nodes {
        let Some(trigger) = node
            .trigger
            .as_deref()
            .filter(|_| node.kind == Some(Keyword::Onbuild))
        else {
            continue;
        };
        if matches!(
            trigger.kind,
            Some(Keyword::Onbuild | Keyword::From | Keyword::Maintainer)
        ) {
            out.push(Finding::new(
                trigger.keyword.span,
                "`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.",
            ));
        }
    }
}
