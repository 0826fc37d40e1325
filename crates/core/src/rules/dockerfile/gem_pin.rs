use super::packages::report_unpinned;
use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3028",
        aliases: &[],
        summary: "Pin versions in gem install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags gems in `gem install` (or `gem i`) without a version (`gem:1.2.3`, or `-v`/`--version`). Versions given through variables and local package files count as pinned; what follows `--` is for the gems' build scripts and is not judged.

## Why is this bad?
Unpinned packages make rebuilds install whatever is newest that day.

## Example
```dockerfile
RUN gem install bundler
```

## Use instead
```dockerfile
RUN gem install bundler:2.5.23
```

## References
- hadolint `DL3028`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    report_unpinned(
        ctx,
        "gem",
        ":",
        |command, v| v.contains(':') || command.has_flag(&["-v", "--version"]),
        out,
    );
}
