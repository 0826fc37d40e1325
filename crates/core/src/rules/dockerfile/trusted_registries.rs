use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3026",
        aliases: &[],
        summary: "Pull base images only from trusted registries",
        severity: Severity::Error,
        origin: Origin::Hadolint,
        off_by_default: true,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
With `trustedRegistries` set in the config file, flags `FROM` images from any other registry (an image without a registry comes from `docker.io`). Off when no registries are configured.

## Why is this bad?
Organisations often allow only vetted registries; an image from elsewhere bypasses scanning and provenance checks.

## Example
```dockerfile
FROM randomregistry.example/app:1.0
```

## Use instead
```dockerfile
FROM docker.io/library/alpine:3.20
```

## References
- hadolint `DL3026`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let trusted = &ctx.settings.trusted_registries;
    if trusted.is_empty() {
        return;
    }
    for (instruction, image) in super::froms(ctx) {
        let Some(_) = super::base_reference(ctx, instruction, image) else {
            continue;
        };
        let value = super::expanded_at(ctx, image.span).unwrap_or(&image.value);
        let first = value.split('/').next().unwrap_or_default();
        let has_registry = value.contains('/')
            && (first.contains('.') || first.contains(':') || first == "localhost");
        let registry = if has_registry { first } else { "docker.io" };
        let allowed = trusted.iter().any(|t| {
            t == registry
                || (t == "docker.io" && registry == "registry-1.docker.io")
                || t.strip_prefix("*.")
                    .is_some_and(|suffix| registry.ends_with(&format!(".{suffix}")))
        });
        if !allowed {
            out.push(Finding::new(image.span, format!("Use only an allowed registry in the FROM image: {registry} is not in trustedRegistries")));
        }
    }
}
