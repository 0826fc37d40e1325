use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3049",
        aliases: &[],
        summary: "Images carry every label of the label schema",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
For every label the settings' `label-schema` declares, flags the FROM of each stage that
is built as an image (the last stage, and any stage no other stage builds FROM, copies
from or mounts) when neither that stage nor a stage it builds FROM sets the label.
Without a `label-schema` the rule has nothing to check.

Unlike hadolint, stages that only feed other stages are never reported: a label set in
the final stage or in its base is in the image either way, so asking for it in each part
is noise.

## Why is this bad?
Registries, scanners and release tooling read the schema's labels to say where an image
comes from and what is in it; an image without them cannot be traced.

## Example
With `label-schema: {org.opencontainers.image.source: url}`:
```dockerfile
FROM alpine:3.20
CMD ["sh"]
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.source="https://github.com/acme/app"
CMD ["sh"]
```

## References
- hadolint `DL3049`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let schema = &ctx.settings.label_schema;
    if schema.is_empty() {
        return;
    }
    let labels = super::labels::labels(ctx);
    let images = super::labels::image_stages(ctx);
    for (name, _) in schema {
        let stage_sets = |stage: usize| {
            let instructions = &ctx.dockerfile.stages[stage].instructions;
            labels.iter().any(|l| {
                l.key.as_deref() == Some(name.as_str()) && instructions.contains(&l.instruction)
            })
        };
        let has = super::labels::inherited(ctx, stage_sets);
        for (stage, has) in has.iter().enumerate() {
            if !has && images[stage] {
                let from = &ctx.dockerfile.instructions[ctx.dockerfile.stages[stage].from];
                out.push(Finding::new(
                    from.span,
                    format!("Label `{name}` is missing."),
                ));
            }
        }
    }
}
