use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::span::Span;

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "LegacyKeyValueFormat",
        aliases: &[],
        summary: "Use `KEY=value` rather than the legacy `KEY value` in ENV and LABEL",
        severity: Severity::Warning,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `ENV` and `LABEL` written as `KEY value` (with a space).

Quick fix: writes `KEY=value` (quoted when the value has spaces) for a single pair whose value has no quote, escape character or line break; otherwise the forms could differ in meaning and no fix is offered.

## Why is this bad?
The legacy form takes the whole rest of the line as one value, so
`ENV A 1 B 2` sets `A` to `1 B 2`; it also cannot set several variables at
once. Docker may drop the form in a future release.

## Example
```dockerfile
ENV NODE_ENV production
```

## Use instead
```dockerfile
ENV NODE_ENV=production
```

## References
- BuildKit check `LegacyKeyValueFormat`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        let (name, pairs) = match &instruction.command {
            Command::Env { pairs } => ("ENV", pairs),
            Command::Label { pairs } => ("LABEL", pairs),
            _ => continue,
        };
        if pairs.iter().any(|p| p.legacy) {
            let finding = Finding::new(
                instruction.span,
                format!("\"{name} key=value\" should be used instead of legacy \"{name} key value\" format"),
            );
            out.push(match pairs.as_slice() {
                [pair] => match key_value_fix(ctx, pair) {
                    Some(fix) => finding.with_fix(fix),
                    None => finding,
                },
                _ => finding,
            });
        }
    }
}

/// `ENV KEY some value` → `ENV KEY="some value"`. Only for a value with no
/// quote, escape character or line break, whose meaning is then the same in
/// both forms.
fn key_value_fix(
    ctx: &DockerfileContext,
    pair: &crate::dockerfile::instructions::KeyValue,
) -> Option<Fix> {
    let raw = ctx.text.get(pair.value.span.start..pair.value.span.end)?;
    let escape = ctx.dockerfile.escape;
    let plain = !raw.is_empty()
        && !raw.contains(['"', '\'', '\n', '\r', escape])
        && raw == pair.value.value;
    if !plain || pair.key.span.end > pair.value.span.start {
        return None;
    }
    let value = if raw.contains(char::is_whitespace) {
        format!("=\"{raw}\"")
    } else {
        format!("={raw}")
    };
    Some(Fix::new(
        "Write `KEY=value`",
        vec![Edit::replace(
            Span::new(pair.key.span.end, pair.value.span.end),
            value,
        )],
    ))
}
