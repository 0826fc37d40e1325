use crate::diagnostic::Severity;
use crate::dockerfile::Keyword;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3057",
        aliases: &[],
        summary: "Images declare a HEALTHCHECK",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: true,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags the FROM of each stage that is built as an image (the last stage, and any stage no
other stage builds FROM, copies from or mounts) when neither that stage nor a stage it
builds FROM has a `HEALTHCHECK` (`HEALTHCHECK NONE` counts: it is a decision). Off by
default, as in hadolint: enable it by overriding its severity in the settings.

Unlike hadolint, stages that only feed other stages are never reported: they are never
run as containers.

## Why is this bad?
Without a health check, Docker and Compose only know whether the process runs, not
whether it serves; `depends_on: condition: service_healthy` cannot wait for it.

## Example
```dockerfile
FROM nginx:1.27
COPY site/ /usr/share/nginx/html/
```

## Use instead
```dockerfile
FROM nginx:1.27
COPY site/ /usr/share/nginx/html/
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1
```

## References
- hadolint `DL3057` (ignored by default there too)
- Dockerfile reference, HEALTHCHECK: https://docs.docker.com/reference/dockerfile/#healthcheck
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let stages = &ctx.dockerfile.stages;
    let has_healthcheck = |stage: usize| {
        stages[stage]
            .instructions
            .iter()
            .any(|&i| ctx.dockerfile.instructions[i].keyword == Keyword::Healthcheck)
    };
    let has = super::labels::inherited(ctx, has_healthcheck);
    let images = super::labels::image_stages(ctx);
    for (stage, has) in has.iter().enumerate() {
        if !has && images[stage] {
            let from = &ctx.dockerfile.instructions[stages[stage].from];
            out.push(Finding::new(
                from.span,
                "`HEALTHCHECK` instruction missing.",
            ));
        }
    }
}
