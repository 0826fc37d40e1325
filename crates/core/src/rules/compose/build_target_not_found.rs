use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "build-target-not-found",
        aliases: &[],
        summary: "`build.target` names a stage of the service's Dockerfile",
        severity: Severity::Error,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
When the project's files are linted together, reads the Dockerfile a service builds and
flags a `build.target` that is not one of its stage names (`FROM … AS name`, compared
without case, as BuildKit compares them).

## Why is this bad?
`docker compose build` stops with `target stage "…" could not be found`, usually after a
stage was renamed in the Dockerfile but not in the compose file.

## Example
```yaml
services:
  web:
    build:
      context: .
      target: develop   # the Dockerfile has `FROM node:22 AS development`
```

## Use instead
```yaml
services:
  web:
    build:
      context: .
      target: development
```

## References
- Compose file reference, build target: https://docs.docker.com/reference/compose-file/build/#target
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    let Some(project) = ctx.project else { return };
    for (service, entry) in ctx.services() {
        let Some(target) = entry.value.get("build").and_then(|b| b.get("target")) else {
            continue;
        };
        let Some(name) = target.as_str().filter(|t| !t.contains('$')) else {
            continue;
        };
        let Some(dockerfile) = project.build_of(service).and_then(|b| b.dockerfile) else {
            continue;
        };
        let facts = crate::project::image_facts(dockerfile, Some(name));
        if facts.target.is_none() {
            let named: Vec<&str> = facts
                .stages
                .iter()
                .map(String::as_str)
                .filter(|s| !s.is_empty())
                .collect();
            let hint = if named.is_empty() {
                " (the Dockerfile names no stage: add `AS name` to a FROM)".to_string()
            } else {
                format!(" (its stages: {})", named.join(", "))
            };
            out.push(Finding::new(
                target.span,
                format!(
                    "target stage \"{name}\" could not be found in {}{hint}",
                    dockerfile_path(ctx, service)
                ),
            ));
        }
    }
}

fn dockerfile_path(ctx: &ComposeContext, service: &str) -> String {
    ctx.project
        .and_then(|p| p.build_of(service))
        .and_then(|b| b.dockerfile_path.clone())
        .unwrap_or_else(|| "the Dockerfile".into())
}
