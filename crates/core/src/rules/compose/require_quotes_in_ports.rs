use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::{ComposeContext, ComposeRule, Finding, Origin, RuleMeta};

pub static RULE: ComposeRule = ComposeRule {
    meta: RuleMeta {
        code: "require-quotes-in-ports",
        aliases: &[],
        summary: "Ports that YAML 1.1 reads as base-60 numbers are quoted",
        severity: Severity::Warning,
        origin: Origin::Dclint,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags an unquoted `ports` or `expose` entry that a YAML 1.1 reader takes for a base-60
number: digits, then `:` and a number below 60 (`- 22:22`, `- 2222:22`).

Unlike dclint, which wants every port single-quoted, either quote style is accepted and
entries no YAML reader misreads (`- 80`, `- 8080:80`, `- 127.0.0.1:53:53/udp`) are
left alone.

Quick fix: puts the port in double quotes.

## Why is this bad?
YAML 1.1 readers (PyYAML, older tools, many editors' validators) read `22:22` as the
base-60 number 1342. Docker Compose reads it right, but the same file read by another
tool is not the same file.

## Example
```yaml
services:
  ssh:
    image: linuxserver/openssh-server:9.7
    ports:
      - 2222:22
```

## Use instead
```yaml
services:
  ssh:
    image: linuxserver/openssh-server:9.7
    ports:
      - "2222:22"
```

## References
- dclint `require-quotes-in-ports`
- Compose file reference, ports: https://docs.docker.com/reference/compose-file/services/#ports
"#;

fn check(ctx: &ComposeContext, out: &mut Vec<Finding>) {
    for (service, entry) in ctx.services() {
        for section in ["ports", "expose"] {
            let Some(list) = entry.value.get(section) else {
                continue;
            };
            for item in list.items() {
                let Some(scalar) = item.scalar() else {
                    continue;
                };
                if scalar.plain && is_sexagesimal(&scalar.text) {
                    out.push(
                        Finding::new(
                            item.span,
                            format!("Service \"{service}\": quote the port \"{}\" in `{section}` (YAML 1.1 readers take it for the base-60 number {})", scalar.text, base60(&scalar.text)),
                        )
                        .with_fix(Fix::new(
                            "Quote the port",
                            vec![Edit::replace(item.span, format!("\"{}\"", scalar.text))],
                        )),
                    );
                }
            }
        }
    }
}

/// YAML 1.1's sexagesimal integer: `[1-9][0-9_]*(:[0-5]?[0-9])+`.
fn is_sexagesimal(text: &str) -> bool {
    let mut parts = text.split(':');
    let first = parts.next().unwrap_or_default();
    let head_ok = first.starts_with(|c: char| ('1'..='9').contains(&c))
        && first.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    let mut rest = parts.peekable();
    head_ok
        && rest.peek().is_some()
        && rest.all(|p| {
            !p.is_empty()
                && p.len() <= 2
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| n < 60)
        })
}

fn base60(text: &str) -> u64 {
    text.split(':').fold(0u64, |acc, part| {
        let n: u64 = part.replace('_', "").parse().unwrap_or(0);
        acc.saturating_mul(60).saturating_add(n)
    })
}
