use super::packages::{report_uncleaned, CacheCleanup};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3036",
        aliases: &[],
        summary: "Clean zypper's cache after installing",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a RUN that installs with `zypper` without `zypper clean` in the same RUN, in stages that end up in an image; a RUN that keeps the cache in a `--mount=type=cache` is accepted.

Quick fix: adds `&& zypper clean` at the end of the RUN (shell form, when its last command ends the line without a comment).

## Why is this bad?
zypper leaves its metadata and package cache behind, and the layer ships it.

## Example
```dockerfile
RUN zypper install -y httpd
```

## Use instead
```dockerfile
RUN zypper install -y httpd && zypper clean
```

## References
- hadolint `DL3036`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    report_uncleaned(
        ctx,
        &CacheCleanup {
            programs: &["zypper"],
            installs: &["install", "in"],
            cleans: &["clean", "cc"],
            cache_paths: &["/var/cache/zypp"],
        },
        "`zypper clean` missing after zypper use.",
        out,
    );
}
