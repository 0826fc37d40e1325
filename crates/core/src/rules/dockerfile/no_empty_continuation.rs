use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::span::Span;

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "NoEmptyContinuation",
        aliases: &[],
        summary: "Empty lines inside a continued instruction will become errors",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags an empty line inside an instruction continued with `\`.

Quick fix: removes the empty line (BuildKit ignores it anyway).

## Why is this bad?
BuildKit skips the empty line today but has announced it will become an
error. The blank line also hides where the instruction really ends.

## Example
```dockerfile
RUN apk add \

    curl
```

## Use instead
```dockerfile
RUN apk add \
    curl
```

## References
- BuildKit check `NoEmptyContinuation`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for node in &ctx.dockerfile.nodes {
        for &span in &node.empty_continuation_lines {
            // The whole line goes, its line break included.
            let end = ctx.text[span.start..]
                .find('\n')
                .map_or(ctx.text.len(), |i| span.start + i + 1);
            out.push(
                Finding::new(span, "Empty continuation line").with_fix(Fix::new(
                    "Remove the empty line",
                    vec![Edit::delete(Span::new(span.start, end))],
                )),
            );
        }
    }
}
