use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "CopyIgnoredFile",
        aliases: &[],
        summary: "COPY and ADD do not name files that .dockerignore leaves out",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
When the Dockerfile is linted with its build context (the CLI on a directory, the
playground's project), flags a `COPY` or `ADD` source from the context that the
`.dockerignore` excludes (the Dockerfile's own `Dockerfile.dockerignore` when there is
one, else the context's `.dockerignore`), matched as BuildKit matches: the cleaned
source path, or a directory above it. As in BuildKit, a `.dockerignore` with `!`
exceptions is not judged (an excluded directory may have a file re-included), and
neither are sources from other stages or images. The context root (`COPY . .`)
is reported only when a pattern excludes everything in it (`*`, `**`, `**/*`);
`.*` or `node_modules` leave the root itself in.

BuildKit runs this check only when asked (`# check=experimental=CopyIgnoredFile`);
Dockwright runs it by default, because the COPY it flags fails the build or silently
copies less than it says.

## Why is this bad?
The file never reaches the builder: the build fails with "not found", or a wildcard
copies less than the author believes.

## Example
With `.dockerignore` containing `config/`:
```dockerfile
FROM nginx:1.27
COPY config/nginx.conf /etc/nginx/nginx.conf
```

## Use instead
Take `config/` out of `.dockerignore`, or copy the file from where it is kept:
```dockerfile
FROM nginx:1.27
COPY deploy/nginx.conf /etc/nginx/nginx.conf
```

## References
- BuildKit check `CopyIgnoredFile`: https://docs.docker.com/go/dockerfile/rule/copy-ignored-file/
- .dockerignore: https://docs.docker.com/build/concepts/context/#dockerignore-files
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    let Some((_, ignore)) = ctx.build.and_then(|b| b.dockerignore.as_ref()) else {
        return;
    };
    if ignore.has_exclusions() {
        return;
    }
    for instruction in &ctx.dockerfile.instructions {
        let (sources, command) = match &instruction.command {
            Command::Copy { sources, .. } => (sources, "Copy"),
            Command::Add { sources, .. } => (sources, "Add"),
            _ => continue,
        };
        if instruction.flag("from").is_some() {
            continue;
        }
        for source in sources {
            let value = super::expanded_at(ctx, source.span).unwrap_or(&source.value);
            if value.contains('$') || value.starts_with("<<") || value.contains("://") {
                continue;
            }
            let cleaned = crate::dockerignore::clean(value);
            // `.` and `/` are the context root, not a path a pattern can
            // exclude; only a pattern that excludes every entry of the root
            // (`*`, `**`, `**/*`) is reported for them, as BuildKit does.
            let root = cleaned == "." || cleaned == "/";
            let root_excluded = ignore
                .patterns
                .iter()
                .any(|p| !p.exclusion && matches!(p.text.as_str(), "*" | "**" | "**/*"));
            if root && !root_excluded {
                continue;
            }
            if ignore.excludes(&cleaned) || (root && root_excluded) {
                out.push(Finding::new(
                    source.span,
                    format!("Attempting to {command} file \"{cleaned}\" that is excluded by .dockerignore"),
                ));
            }
        }
    }
}
