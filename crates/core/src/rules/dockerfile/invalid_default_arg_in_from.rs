use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "InvalidDefaultArgInFrom",
        aliases: &[],
        summary: "Default ARG values must make FROM a valid image name",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Expands each `FROM` image that uses variables with the global ARGs' default
values (as a build without `--build-arg` would) and flags the result when it
is empty or not a valid image reference.

## Why is this bad?
`docker build .` without the right `--build-arg` fails with an unhelpful
"invalid reference format"; a default makes the Dockerfile build as is.

## Example
```dockerfile
ARG VERSION
FROM node:${VERSION}
```

## Use instead
```dockerfile
ARG VERSION=22
FROM node:${VERSION}
```

## References
- BuildKit check `InvalidDefaultArgInFrom`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (instruction, image) in super::froms(ctx) {
        let _ = instruction;
        if !image.value.contains('$') {
            continue;
        }
        let Some(value) = super::expanded_at(ctx, image.span) else {
            continue;
        };
        if !is_valid_reference(value) {
            out.push(Finding::new(
                image.span,
                format!(
                    "Default value for ARG {} results in empty or invalid base image name",
                    image.value
                ),
            ));
        }
    }
}

/// The Docker image reference grammar (`[registry/]path[:tag][@digest]`),
/// as `reference.ParseNormalizedNamed` accepts it.
pub fn is_valid_reference(reference: &str) -> bool {
    let (rest, digest) = match reference.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (reference, None),
    };
    if let Some(digest) = digest {
        let Some((algorithm, hex)) = digest.split_once(':') else {
            return false;
        };
        let algorithm_ok = !algorithm.is_empty()
            && algorithm
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+._-".contains(c));
        if !algorithm_ok || hex.len() < 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return false;
        }
    }
    // A tag follows the last colon that comes after the last slash.
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(tag) = tag {
        let mut chars = tag.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if !first_ok
            || tag.len() > 128
            || !chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
        {
            return false;
        }
    }
    if name.is_empty() || name.len() > 255 {
        return false;
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if components.len() > 1 {
        let first = components[0];
        if first.contains('.')
            || first.contains(':')
            || first == "localhost"
            || first.chars().any(|c| c.is_ascii_uppercase())
        {
            if !is_valid_domain(first) {
                return false;
            }
            components.remove(0);
        }
    }
    components.iter().all(|c| is_path_component(c))
}

fn is_valid_domain(domain: &str) -> bool {
    let (host, port) = match domain.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || domain.starts_with('[') => (host, Some(port)),
        _ => (domain, None),
    };
    if port.is_some_and(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return false;
    }
    if host.starts_with('[') {
        return host.ends_with(']') && host.len() > 2;
    }
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn is_path_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    if bytes.is_empty() || !is_alnum_lower(bytes[0]) || !is_alnum_lower(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if is_alnum_lower(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !is_alnum_lower(bytes[i]) {
            i += 1;
        }
        let separator = &component[start..i];
        let ok = separator == "."
            || separator == "_"
            || separator == "__"
            || separator.bytes().all(|b| b == b'-');
        if !ok {
            return false;
        }
    }
    true
}

fn is_alnum_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::is_valid_reference;

    #[test]
    fn references() {
        for ok in [
            "alpine",
            "alpine:3.20",
            "library/node:22-alpine",
            "ghcr.io/astral-sh/uv:0.5",
            "localhost:5000/app",
            "registry.example.com:443/team/app:v1.2",
            "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "my__app",
        ] {
            assert!(is_valid_reference(ok), "{ok}");
        }
        for bad in [
            "",
            "node:",
            ":1",
            "Node",
            "a//b",
            "app:-x",
            "alpine@sha256:zz",
            "a_-b",
            "-a",
        ] {
            assert!(!is_valid_reference(bad), "{bad}");
        }
    }
}
