use crate::diagnostic::Severity;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::span::Span;

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL4001",
        aliases: &[],
        summary: "Use either wget or curl, not both",
        severity: Severity::Warning,
        origin: Origin::Hadolint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags the uses of the less used of `wget` and `curl` when a stage runs both (a build stage that downloads with one and a final stage that uses the other are two images, and are left alone).

## Why is this bad?
Installing and maintaining two download tools doubles the packages (and their vulnerabilities) for the same job.

## Example
```dockerfile
RUN wget -q https://example.com/a
RUN curl -fsSLO https://example.com/b
```

## Use instead
```dockerfile
RUN curl -fsSLO https://example.com/a
RUN curl -fsSLO https://example.com/b
```

## References
- hadolint `DL4001`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    // Per stage (a build stage may use one tool and the final stage the
    // other), in one pass: the word spans of each tool's uses.
    let mut uses: std::collections::BTreeMap<Option<usize>, (Vec<Span>, Vec<Span>)> =
        std::collections::BTreeMap::new();
    for run in &ctx.runs {
        let stage = ctx.stage_index(run.instruction);
        for command in &run.commands {
            let entry = uses.entry(stage).or_default();
            match command.program() {
                Some("wget") => entry.0.push(command.words[0].span),
                Some("curl") => entry.1.push(command.words[0].span),
                _ => {}
            }
        }
    }
    for (wget, curl) in uses.into_values() {
        if wget.is_empty() || curl.is_empty() {
            continue;
        }
        let minority = if wget.len() <= curl.len() { wget } else { curl };
        for span in minority {
            out.push(Finding::new(span, "Either use Wget or Curl but not both"));
        }
    }
}
