use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::span::Span;

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL1001",
        aliases: &[],
        summary: "No inline ignore pragmas",
        severity: Severity::Style,
        origin: Origin::Hadolint,
        off_by_default: true,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Off by default (as in hadolint): give it a severity in the settings to have
every `# hadolint ignore=…` and `# dockwright ignore=…` comment reported, for
teams that want every exception in the shared settings file instead.

## Why is this bad?
An inline ignore hides a finding where only the reader of that line sees it;
an exception in the settings file is reviewed once for the whole repository.

## Example
```dockerfile
FROM debian:bookworm-slim
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8
```

## References
- hadolint `DL1001`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    // Comment lines, outside heredoc bodies (where `#` is the script's).
    let heredocs: Vec<Span> = ctx
        .dockerfile
        .nodes
        .iter()
        .flat_map(|n| n.heredocs.iter().map(|h| h.span))
        .collect();
    let mut start = 0;
    for line in ctx.text.split_inclusive('\n') {
        let at = start;
        start += line.len();
        let trimmed = line.trim_start();
        let Some(comment) = trimmed.strip_prefix('#') else {
            continue;
        };
        if heredocs.iter().any(|h| h.start <= at && at < h.end) {
            continue;
        }
        let words: Vec<&str> = comment.split_whitespace().collect();
        let is_pragma = matches!(words.first(), Some(&("hadolint" | "dockwright")))
            && words.get(1).is_some_and(|w| w.starts_with("ignore"));
        if is_pragma {
            let begin = at + (line.len() - trimmed.len());
            let end = at + line.trim_end().len();
            out.push(Finding::new(
                Span::new(begin, end),
                "Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`.",
            ));
        }
    }
}
