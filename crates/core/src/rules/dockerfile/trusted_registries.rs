use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::span::Span;

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
With `trustedRegistries` set in the config file, flags images from any other registry (an image without a registry comes from `docker.io`) where they are pulled: `FROM`, `COPY --from=image` and `RUN --mount=…,from=image` (ONBUILD triggers included); earlier stages and `scratch` are not images. `*` allows every registry, `*.example.com` its subdomains. Off when no registries are configured.

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

/// The registry an image reference pulls from.
fn registry_of(image: &str) -> &str {
    let first = image.split('/').next().unwrap_or_default();
    let has_registry =
        image.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if has_registry {
        first
    } else {
        "docker.io"
    }
}

fn allowed(trusted: &[String], registry: &str) -> bool {
    trusted.iter().any(|t| {
        t == "*"
            || t == registry
            || (t == "docker.io" && registry == "registry-1.docker.io")
            || t.strip_prefix("*.")
                .is_some_and(|suffix| registry.ends_with(&format!(".{suffix}")))
    })
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let trusted = &ctx.settings.trusted_registries;
    if trusted.is_empty() {
        return;
    }
    let mut report = |span: Span, image: &str, place: &str| {
        let registry = registry_of(image);
        if !allowed(trusted, registry) {
            out.push(Finding::new(span, format!("Use only an allowed registry in the {place} image: {registry} is not in trustedRegistries")));
        }
    };
    for (instruction, image) in super::froms(ctx) {
        if super::base_reference(ctx, instruction, image).is_some() {
            let value = super::expanded_at(ctx, image.span).unwrap_or(&image.value);
            report(image.span, value, "FROM");
        }
    }
    // Images named by COPY --from and RUN --mount from= (not stages).
    for (index, instruction) in ctx.instructions_and_triggers() {
        let sources = instruction.from_references();
        for (value, span) in sources {
            let lower = value.to_lowercase();
            let stage = lower.parse::<usize>().is_ok() || ctx.stage_named_before(&lower, index);
            if !stage && lower != "scratch" && lower != "context" && !value.contains('$') {
                report(span, value, "COPY --from or mount");
            }
        }
    }
}
