use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3050",
        aliases: &[],
        summary: "With strict-labels, only schema labels are set",
        severity: Severity::Info,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
With `strict-labels: true` in the settings, flags every LABEL key that the
`label-schema` does not declare. Without `strict-labels` the rule is silent.

## Why is this bad?
Teams that fix a label schema want every image to carry the same, documented set; a
stray key is usually a typo of a schema key or metadata nobody maintains.

## Example
With `strict-labels: true` and `label-schema: {org.opencontainers.image.version: semver}`:
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2.0" version="1.2.0"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.2.0"
```

## References
- hadolint `DL3050` (hadolint reports the LABEL line once; Dockwright reports each
  superfluous key)
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    if !ctx.settings.strict_labels {
        return;
    }
    for label in super::labels::labels(ctx) {
        let Some(key) = &label.key else { continue };
        if !ctx
            .settings
            .label_schema
            .iter()
            .any(|(name, _)| name == key)
        {
            out.push(Finding::new(
                label.key_span,
                format!("Superfluous label `{key}`: it is not in the label schema"),
            ));
        }
    }
}
