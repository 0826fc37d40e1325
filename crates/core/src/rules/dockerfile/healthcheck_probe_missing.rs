use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "healthcheck-probe-missing",
        aliases: &[],
        summary: "The HEALTHCHECK's probe exists in the image",
        severity: Severity::Warning,
        origin: Origin::Dockwright,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a HEALTHCHECK whose probe the image does not have:
- `curl` in an image built from a slim, Alpine or distroless base (slim Debian images
  have neither curl nor wget, Alpine has BusyBox's `wget` but not curl, distroless has no
  shell and no tools), unless a RUN of the stage (or of a stage it is built from)
  installs it;
- `wget` in a slim or distroless image, likewise;
- a script run from the build context (`node healthcheck.js`, `python healthcheck.py`,
  `sh probe.sh`, `./probe`) that the context does not have, or that its `.dockerignore`
  leaves out (this part needs the list of the context's files: the CLI has it for a
  directory, the page for a course's exercise, whose files are the whole project).

## Why is this bad?
The probe fails on every run, so the container turns `unhealthy` after its retries
although the app is fine, and whatever waits for it (`depends_on: condition:
service_healthy`, an orchestrator's restarts) never sees it ready. Nothing says why
but the health log (`docker inspect`).

## Example
```dockerfile
FROM node:22-bookworm-slim
WORKDIR /app
COPY . .
HEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1
CMD ["node", "server.js"]
```

## Use instead
A probe the image has: the runtime itself.
```dockerfile
FROM node:22-bookworm-slim
WORKDIR /app
COPY . .
HEALTHCHECK CMD ["node", "healthcheck.cjs"]
CMD ["node", "server.js"]
```
with `healthcheck.cjs` in the build context (it requests the health endpoint with
Node's own http module and exits 0 or 1).

## References
- HEALTHCHECK: https://docs.docker.com/reference/dockerfile/#healthcheck
"#;

/// What a base image lacks, by its name: (curl missing, wget missing).
fn missing_tools(image: &str) -> (bool, bool) {
    let image = image.to_ascii_lowercase();
    let tag = image.rsplit('/').next().unwrap_or(&image);
    // Distroless and scratch have no tools at all; slim Debian images drop both.
    if image.contains("distroless") || image.starts_with("scratch") || tag.contains("slim") {
        (true, true)
    } else if tag.starts_with("alpine") || tag.contains("-alpine") || tag.contains(":alpine") {
        (true, false)
    } else {
        (false, false)
    }
}

/// The probe's words: exec form as written; shell form split on blanks.
fn probe_words(words: &[crate::dockerfile::Word], json: bool) -> Vec<String> {
    if json {
        return words.iter().map(|w| w.value.clone()).collect();
    }
    words
        .iter()
        .flat_map(|w| w.value.split_whitespace())
        .map(str::to_string)
        .collect()
}

/// A script from the build context that the probe runs, if any.
fn script_of(words: &[String]) -> Option<&str> {
    let first = words.first()?.as_str();
    let runner = first.rsplit('/').next().unwrap_or(first);
    let script = match runner {
        "node" | "python" | "python3" | "sh" | "bash" | "ruby" | "php" | "deno" | "bun" => {
            words.get(1)?.as_str()
        }
        _ if first.starts_with("./") => first,
        _ => return None,
    };
    let relative = !script.starts_with('/') && !script.starts_with('-') && !script.contains('$');
    let is_file = script.contains('.') || script.starts_with("./");
    (relative && is_file).then_some(script)
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (index, instruction) in ctx.dockerfile.instructions.iter().enumerate() {
        let Command::Healthcheck(health) = &instruction.command else {
            continue;
        };
        let Some(words) = &health.command else {
            continue;
        };
        let Some(stage) = ctx.stage_index(index) else {
            continue;
        };
        let probe = probe_words(words, health.json);
        let Some(first) = probe.first() else { continue };
        let span = match (words.first(), words.last()) {
            (Some(first), Some(last)) => crate::span::Span::new(first.span.start, last.span.end),
            _ => instruction.span,
        };
        // The external image the stage starts from, through earlier stages.
        let mut chain = vec![stage];
        let mut root = stage;
        while let Some(base) = ctx.base_stage(root) {
            if chain.contains(&base) {
                break;
            }
            chain.push(base);
            root = base;
        }
        let image = &ctx.dockerfile.stages[root].base;
        let tool = first.rsplit('/').next().unwrap_or(first);
        let (no_curl, no_wget) = missing_tools(image);
        let lacks = (tool == "curl" && no_curl) || (tool == "wget" && no_wget);
        if lacks {
            let installed = chain.iter().any(|&s| {
                ctx.dockerfile.stages[s].instructions.iter().any(|&i| {
                    ctx.run_of(i).is_some_and(|run| {
                        run.commands
                            .iter()
                            // `curl` or a pinned `curl=7.88.1-10`.
                            .any(|c| {
                                c.words
                                    .iter()
                                    .any(|w| w.value.split('=').next() == Some(tool))
                            })
                    })
                })
            });
            if !installed {
                out.push(Finding::new(
                    span,
                    format!(
                        "the HEALTHCHECK runs {tool}, which {image} does not have: the probe fails and the container turns unhealthy; probe with the runtime (a small script) or install {tool}"
                    ),
                ));
                continue;
            }
        }
        let Some(script) = script_of(&probe) else {
            continue;
        };
        let Some(build) = ctx.build else { continue };
        let Some(listing) = &build.listing else {
            continue;
        };
        let wanted = script.trim_start_matches("./");
        let name = wanted.rsplit('/').next().unwrap_or(wanted);
        let matching: Vec<&String> = listing
            .iter()
            .filter(|p| *p == wanted || p.rsplit('/').next() == Some(name))
            .collect();
        let message = if matching.is_empty() {
            Some(format!(
                "the HEALTHCHECK runs {script}, which the build context ({}) does not have: the probe fails and the container turns unhealthy",
                build.path
            ))
        } else {
            build.dockerignore.as_ref().and_then(|(path, ignore)| {
                matching.iter().all(|p| ignore.excludes(p)).then(|| {
                    format!(
                        "the HEALTHCHECK runs {script}, which {path} leaves out of the build context: the probe fails and the container turns unhealthy"
                    )
                })
            })
        };
        if let Some(message) = message {
            out.push(Finding::new(span, message));
        }
    }
}
