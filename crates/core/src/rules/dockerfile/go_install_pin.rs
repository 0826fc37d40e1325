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
Flags `go install pkg`, `go get pkg` and `go run pkg` without `@version`
(`@latest` and `@none` count as unpinned). Local packages (`.`, `./cmd/x`,
`/src/x`) and versions given through variables are accepted; for `go run`
only the package is judged, not the program's arguments.

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
            if command.program() != Some("go") {
                continue;
            }
            let mut operands = command.operands();
            let packages: Vec<_> = match operands.next().map(|w| w.value.as_str()) {
                Some("install" | "get") => operands.filter(|w| w.value != "tool").collect(),
                // Everything after the package is the program's own.
                Some("run") => operands.take(1).collect(),
                _ => continue,
            };
            for package in packages {
                let v = package.value.as_str();
                let local = v.starts_with('.') || v.starts_with('/');
                let pinned = v
                    .rsplit_once('@')
                    .is_some_and(|(_, version)| !matches!(version, "latest" | "none"))
                    || package.has_expansion;
                if !local && !pinned {
                    out.push(Finding::new(
                        package.span,
                        format!(
                            "Pin versions in go: `{}@<version>`",
                            v.split('@').next().unwrap_or(v)
                        ),
                    ));
                }
            }
        }
    }
}
