use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "service-image-require-explicit-tag",
        aliases: &[],
        summary: "Images name a concrete version tag or a digest",
        severity: Severity::Warning,
        origin: Origin::Dclint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a service `image` with no tag, or with a moving tag: `latest`, `stable`, `edge`,
`test`, `nightly`, `dev`, `beta`, `canary`, `lts` (dclint's list). A digest
(`@sha256:…`) counts as explicit.

A service that also has `build` is skipped: its `image` names the image built here.
Unlike dclint, a registry port is not taken for a tag (`localhost:5000/app` has no tag),
and an image whose name or tag comes from a variable (`app:${TAG}`) is not judged:
its value is only known when the file is used.

## Why is this bad?
A moving tag gives a different image from one pull to the next: builds stop being
reproducible and an upgrade arrives unannounced.

## Example
```yaml
services:
  db:
    image: postgres
  cache:
    image: redis:latest
```

## Use instead
```yaml
services:
  db:
    image: postgres:16.4
  cache:
    image: redis:7.4
```

## References
- dclint `service-image-require-explicit-tag`; hadolint `DL3006`/`DL3007` for FROM
"#;

const MOVING_TAGS: [&str; 9] = [
    "latest", "stable", "edge", "test", "nightly", "dev", "beta", "canary", "lts",
];

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        // With `build`, `image` names what is built here, not a pull.
        if entry.value.get("build").is_some() {
            continue;
        }
        let Some(node) = entry.value.get("image") else {
            continue;
        };
        let Some(image) = node.as_str().filter(|i| !i.contains('$')) else {
            continue;
        };
        if image.contains('@') {
            continue;
        }
        let last = image.rsplit('/').next().unwrap_or(image);
        let tag = last.split_once(':').map(|(_, tag)| tag);
        let explicit = tag.is_some_and(|t| !t.is_empty() && !MOVING_TAGS.contains(&t));
        if !explicit {
            out.push(Finding::new(
                node.span,
                format!("Service \"{service}\" is using the image \"{image}\", which does not have a concrete version tag. Specify a concrete version tag."),
            ));
        }
    }
}
