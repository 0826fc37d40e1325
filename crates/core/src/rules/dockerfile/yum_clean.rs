use super::packages::{report_uncleaned, CacheCleanup};
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3032",
        aliases: &[],
        summary: "Clean yum's cache after installing",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a RUN that installs with `yum` without `yum clean all` in the same RUN, in stages that end up in an image; a RUN that keeps the cache in a `--mount=type=cache` is accepted.

Quick fix: adds `&& yum clean all` at the end of the RUN (shell form, when its last command ends the line without a comment).

## Why is this bad?
yum leaves its metadata and package cache behind, and the layer ships it.

## Example
```dockerfile
RUN yum install -y httpd
```

## Use instead
```dockerfile
RUN yum install -y httpd && yum clean all
```

## References
- hadolint `DL3032`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    report_uncleaned(
        ctx,
        &CacheCleanup {
            programs: &["yum"],
            installs: &["install", "groupinstall", "reinstall", "localinstall"],
            cleans: &["clean"],
            cache_paths: &["/var/cache/yum"],
        },
        "`yum clean all` missing after yum command.",
        out,
    );
}
