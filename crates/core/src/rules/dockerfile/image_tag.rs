use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3006",
        aliases: &[],
        summary: "Tag the image in FROM",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `FROM image` without a tag or digest. Stage names, `scratch`, and
 images whose tag comes from a variable with a default (`node:${V:-22}`) are
 accepted; hadolint flags the last case.

## Why is this bad?
An untagged image means `latest`: the base changes whenever it is pushed, and rebuilds stop being reproducible.

## Example
```dockerfile
FROM node
```

## Use instead
```dockerfile
FROM node:22.12-bookworm-slim
```

## References
- hadolint `DL3006`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (index, (instruction, image)) in super::froms(ctx).enumerate() {
        let _ = index;
        let Some(reference) = super::base_reference(ctx, instruction, image) else {
            continue;
        };
        if reference.tag.is_none() && !reference.digest {
            out.push(Finding::new(
                image.span,
                "Always tag the version of an image explicitly",
            ));
        }
    }
}
