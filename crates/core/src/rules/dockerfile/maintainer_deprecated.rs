use crate::diagnostic::Severity;
use crate::dockerfile::Command;
use crate::fix::{Edit, Fix};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "DL4000",
        aliases: &["MaintainerDeprecated"],
        summary: "MAINTAINER is deprecated; use a label",
        severity: Severity::Error,
        origin: Origin::BuildKit,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags the `MAINTAINER` instruction.

Quick fix: writes `LABEL org.opencontainers.image.authors="…"` with the same text (quotes, `$` and the escape character escaped).

## Why is this bad?
`MAINTAINER` has been deprecated since Docker 1.13; image metadata belongs in
labels, which tools (registries, scanners) read.

## Example
```dockerfile
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```

## References
- hadolint `DL4000`; BuildKit check `MaintainerDeprecated`
"#;

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for instruction in &ctx.dockerfile.instructions {
        if let Command::Maintainer { name } = &instruction.command {
            let finding = Finding::new(
                instruction.span,
                "Maintainer instruction is deprecated in favor of using label",
            );
            out.push(match label_fix(ctx, instruction, name) {
                Some(fix) => finding.with_fix(fix),
                None => finding,
            });
        }
    }
}

/// `MAINTAINER text` → `LABEL org.opencontainers.image.authors="text"`,
/// with the quote, `$` and escape character escaped so the label holds the
/// same text (MAINTAINER expands nothing). Not for ONBUILD triggers.
fn label_fix(
    ctx: &DockerfileContext,
    instruction: &crate::dockerfile::Instruction,
    name: &crate::dockerfile::Word,
) -> Option<Fix> {
    let keyword = &ctx.dockerfile.nodes[instruction.node].keyword;
    if !keyword.value.eq_ignore_ascii_case("maintainer") {
        return None;
    }
    let escape = ctx.dockerfile.escape;
    let mut quoted = String::from("org.opencontainers.image.authors=\"");
    for c in name.value.chars() {
        if c == '"' || c == '$' || c == escape {
            quoted.push(escape);
        }
        quoted.push(c);
    }
    quoted.push('"');
    let label = if keyword.value == keyword.value.to_lowercase() {
        "label"
    } else {
        "LABEL"
    };
    Some(Fix::new(
        "Use a LABEL",
        vec![
            Edit::replace(keyword.span, label),
            Edit::replace(name.span, quoted),
        ],
    ))
}
