use crate::diagnostic::Severity;
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};
use crate::yaml::Node;

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "build-context-not-found",
        aliases: &[],
        summary: "A service's build context and Dockerfile exist",
        severity: Severity::Error,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
When the project is linted from its directory (the CLI knows every path), flags a
`build` context directory that does not exist, and a Dockerfile (`build.dockerfile`,
else `Dockerfile` in the context) that is not there. Remote contexts (Git and HTTP URLs)
and paths built from variables are not judged. The playground knows only its open
files, so it does not run this check.

## Why is this bad?
`docker compose build` stops with "unable to prepare context: path … not found" or
"failed to read dockerfile: open …: no such file or directory".

## Example
```yaml
services:
  api:
    build:
      context: ./api
      dockerfile: Dockerfile.prod   # the file is api/Dockerfile
```

## Use instead
```yaml
services:
  api:
    build:
      context: ./api
```

## References
- Compose file reference, build: https://docs.docker.com/reference/compose-file/build/
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    let Some(project) = ctx.project else { return };
    if project.listing.is_none() {
        return;
    }
    for (service, entry) in ctx.services() {
        let Some(build) = entry.value.get("build") else {
            continue;
        };
        let Some(info) = project.build_of(service) else {
            continue;
        };
        let Some(context) = &info.context else {
            continue;
        };
        let context_node = match build.as_str() {
            Some(_) => build,
            None => build.get("context").unwrap_or(build),
        };
        if project.exists(context) == Some(false) {
            out.push(Finding::new(
                context_node.span,
                format!("unable to prepare context for service \"{service}\": path \"{context}\" not found"),
            ));
            continue;
        }
        if build.get("dockerfile_inline").is_some() {
            continue;
        }
        let Some(path) = &info.dockerfile_path else {
            continue;
        };
        if project.exists(path) == Some(false) {
            let at = build
                .get("dockerfile")
                .map_or(context_node.span, |n: &Node| n.span);
            out.push(Finding::new(
                at,
                format!("failed to read dockerfile for service \"{service}\": \"{path}\" does not exist"),
            ));
        }
    }
}
