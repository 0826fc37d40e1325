use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3048",
        aliases: &[],
        summary: "Label keys use lower-case reverse-DNS form",
        severity: Severity::Style,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags LABEL keys that are not in Docker's recommended form: lower-case letters, digits,
`.` and `-` only, starting with a letter, ending with a letter or digit, no `..` or `--`,
and not in the namespaces Docker reserves (`com.docker.`, `io.docker.`,
`org.dockerproject.`). Keys built from variables are judged after expansion; a key using
a variable with no value is not judged.

## Why is this bad?
Tools that read labels expect reverse-DNS keys; keys in Docker's own namespaces may be
overwritten or misread by Docker itself.

## Example
```dockerfile
FROM alpine:3.20
LABEL Maintainer_Name="Jane"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane"
```

## References
- hadolint `DL3048` (hadolint reports the LABEL line; Dockwright points at the key)
- Docker object labels: https://docs.docker.com/config/labels-custom-metadata/
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for label in super::labels::labels(ctx) {
        // A key with a variable no ARG or ENV sets is judged as written:
        // BuildKit would silently drop the `$name`.
        let undefined = ctx
            .expansion(label.key_span)
            .is_some_and(|e| !e.undefined.is_empty());
        let written = ctx
            .text
            .get(label.key_span.start..label.key_span.end)
            .map(str::to_string);
        let key = if undefined {
            written
        } else {
            label.key.clone()
        };
        if let Some(key) = &key {
            if !super::labels::is_valid_key(key) {
                out.push(Finding::new(
                    label.key_span,
                    format!("Invalid label key `{key}`: use lower-case letters, digits, `.` and `-` in reverse-DNS form (org.example.name)"),
                ));
            }
        }
    }
}
