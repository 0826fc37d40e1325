use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL3062",
        aliases: &[],
        summary: "Pin versions in go install",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `go install pkg` without `@version` (`@latest` counts as unpinned).

## Why is this bad?
Without a version, `go install` fetches whatever the module's default branch holds that day.

## Example
```dockerfile
RUN go install golang.org/x/tools/gopls@latest
```

## Use instead
```dockerfile
RUN go install golang.org/x/tools/gopls@v0.17.1
```

## References
- hadolint `DL3062`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for run in &ctx.runs {
        for command in &run.commands {
            if command.program() != Some("go")
                || command
                    .operands()
                    .next()
                    .is_none_or(|w| w.value != "install")
            {
                continue;
            }
            for package in command.operands().skip(1) {
                let v = package.value.as_str();
                let local = v.starts_with('.') || v.starts_with('/') || !v.contains('.');
                let pinned = v
                    .rsplit_once('@')
                    .is_some_and(|(_, version)| version != "latest")
                    || package.has_expansion;
                if !local && !pinned {
                    out.push(Finding::new(
                        package.span,
                        format!(
                            "Pin versions in go install: `{}@<version>`",
                            v.split('@').next().unwrap_or(v)
                        ),
                    ));
                }
            }
        }
    }
}
