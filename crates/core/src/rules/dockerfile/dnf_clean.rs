use super::packages::{report_uncleaned, CacheCleanup};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3040",
        aliases: &[],
        summary: "Clean dnf's cache after installing",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a RUN that installs with `dnf` without `dnf clean all` in the same RUN, in stages that end up in an image; a RUN that keeps the cache in a `--mount=type=cache` is accepted.

Quick fix: adds `&& dnf clean all` (or `microdnf clean all`) at the end of the RUN (shell form, when its last command ends the line without a comment).

## Why is this bad?
dnf leaves its metadata and package cache behind, and the layer ships it.

## Example
```dockerfile
RUN dnf install -y httpd
```

## Use instead
```dockerfile
RUN dnf install -y httpd && dnf clean all
```

## References
- hadolint `DL3040`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    report_uncleaned(
        ctx,
        &CacheCleanup {
            programs: &["dnf", "microdnf"],
            installs: &[
                "install",
                "in",
                "upgrade",
                "up",
                "upgrade-minimal",
                "up-min",
                "reinstall",
                "rei",
            ],
            cleans: &["clean"],
            // dnf 4 keeps its cache in /var/cache/dnf (/var/cache/yum on
            // hosts configured for yum), dnf 5 in /var/cache/libdnf5.
            cache_paths: &[
                "/var/cache/dnf",
                "/var/cache/libdnf5",
                "/var/cache/yum",
                ".cache/libdnf5",
            ],
        },
        "`dnf clean all` missing after dnf command.",
        out,
    );
}
