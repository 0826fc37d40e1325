use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "copy-context-unfiltered",
        aliases: &[],
        summary: "`COPY . .` has a .dockerignore that keeps .git, .env and node_modules out",
        severity: Severity::Warning,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
When the Dockerfile is linted with its build context, flags a `COPY` or `ADD` of the
whole context (`.`, `./`, `*`) when the context has no `.dockerignore`, or when the
context holds `.git`, `.env` (or `.env.*`) or `node_modules` and the `.dockerignore`
does not leave them out (this part needs the list of the context's files, which the CLI
has).

## Why is this bad?
Everything in the context goes into the layer: the `.env` with its passwords, the
repository history, the host's `node_modules` (built for another OS, and large). Every
edit anywhere in the tree also invalidates the layer cache from that COPY on.

## Example
```dockerfile
FROM node:22-alpine
WORKDIR /app
COPY . .
RUN npm ci
```
with no `.dockerignore` beside it.

## Use instead
A `.dockerignore` beside the Dockerfile:
```text
.git
.env*
node_modules
```

## References
- .dockerignore: https://docs.docker.com/build/concepts/context/#dockerignore-files
- Dockerfile best practices: https://docs.docker.com/build/building/best-practices/
"#;

const SENSITIVE: [&str; 3] = [".git", ".env", "node_modules"];

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let Some(build) = ctx.build else { return };
    for instruction in &ctx.dockerfile.instructions {
        let sources = match &instruction.command {
            Command::Copy { sources, .. } | Command::Add { sources, .. } => sources,
            _ => continue,
        };
        if instruction.flag("from").is_some() {
            continue;
        }
        let Some(whole) = sources
            .iter()
            .find(|s| matches!(crate::dockerignore::clean(&s.value).as_str(), "." | "*"))
        else {
            continue;
        };
        let message = match &build.dockerignore {
            None => Some(format!(
                "`{}` copies the whole build context ({}) and there is no .dockerignore: .git, .env files and node_modules would go into the image",
                whole.value, build.path
            )),
            Some((path, ignore)) => build.listing.as_ref().and_then(|listing| {
                let shipped: Vec<&str> = SENSITIVE
                    .iter()
                    .copied()
                    .filter(|name| {
                        listing.iter().any(|p| {
                            let top = p.split('/').next().unwrap_or(p);
                            let present = top == *name || (*name == ".env" && top.starts_with(".env."));
                            present && !ignore.excludes(p)
                        })
                    })
                    .collect();
                (!shipped.is_empty()).then(|| {
                    format!(
                        "`{}` copies {} into the image: {path} does not leave {} out",
                        whole.value,
                        shipped.join(", "),
                        if shipped.len() == 1 { "it" } else { "them" }
                    )
                })
            }),
        };
        if let Some(message) = message {
            out.push(Finding::new(whole.span, message));
        }
    }
}
