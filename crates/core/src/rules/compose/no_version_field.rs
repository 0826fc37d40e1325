use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};
use crate::span::Span;

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "no-version-field",
        aliases: &[],
        summary: "No top-level `version`: it is obsolete",
        severity: Severity::Warning,
        origin: Origin::Dclint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags the top-level `version` key.

Quick fix: removes the `version` line (and the blank lines after it).

## Why is this bad?
The Compose Specification has no version: Docker Compose ignores the key and warns
"the attribute `version` is obsolete". Keeping it suggests that features depend on it
(they do not) and copies an old format's habits into new files.

## Example
```yaml
version: "3.8"
services:
  web:
    image: nginx:1.27
```

## Use instead
```yaml
services:
  web:
    image: nginx:1.27
```

## References
- dclint `no-version-field` (an error there; a warning here, as in Docker Compose)
- Compose file reference, version: https://docs.docker.com/reference/compose-file/version-and-name/
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    if let Some(entry) = ctx.root.entry("version") {
        let span = entry.key.span.cover(entry.value.span);
        let finding = Finding::new(
            span,
            "the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion",
        );
        out.push(match line_removal(ctx.text, span) {
            Some(lines) => {
                finding.with_fix(Fix::new("Remove `version`", vec![Edit::delete(lines)]))
            }
            None => finding,
        });
    }
}

/// The whole lines of `span` with their line break and the blank lines
/// after them, when nothing else shares those lines (a `version` in a flow
/// mapping `{version: 3}` is left alone).
fn line_removal(text: &str, span: Span) -> Option<Span> {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    if !text[start..span.start].trim().is_empty() {
        return None;
    }
    let rest = &text[span.end..];
    let line_end = rest.find('\n').map_or(text.len(), |i| span.end + i + 1);
    let tail = text[span.end..line_end].trim();
    if !(tail.is_empty() || tail.starts_with('#')) {
        return None;
    }
    let mut end = line_end;
    while let Some(next) = text[end..].find('\n') {
        if !text[end..end + next].trim().is_empty() {
            break;
        }
        end += next + 1;
    }
    Some(Span::new(start, end))
}
