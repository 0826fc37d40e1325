use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::shell::Part;

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC2028",
        aliases: &[],
        summary: "echo may not expand escape sequences. Use printf",
        severity: Severity::Info,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `echo` without `-e` given a quoted escape sequence (`\n`, `\t`, `\033`,
`\x41`, …), as ShellCheck's SC2028.

## Why is this bad?
Whether `echo` expands them depends on the shell: dash's does, bash's does
not. The same RUN writes a line break on Debian and a literal `\n` with
`SHELL ["/bin/bash", "-c"]` — a config file written with `echo` changes with
the base image.

## Example
```dockerfile
RUN echo "[global]\nindex-url = https://pypi.example/simple" > /etc/pip.conf
```

## Use instead
```dockerfile
RUN printf '[global]\nindex-url = %s\n' https://pypi.example/simple > /etc/pip.conf
```

## References
- ShellCheck `SC2028` (run by hadolint on every RUN)
"#;

/// The word's literal text, quotes and escapes as written inside quotes;
/// expansions left out (ShellCheck's `onlyLiteralString`).
fn literal_text(parts: &[Part], out: &mut String) {
    for part in parts {
        match part {
            Part::Literal { text, .. } | Part::SingleQuoted { text, .. } => out.push_str(text),
            Part::Escaped { ch, .. } => out.push(*ch),
            Part::DoubleQuoted { parts, .. } => literal_text(parts, out),
            _ => {}
        }
    }
}

/// `\` followed by one of `rntabefv\'`, an octal number, or `x` and hex digits.
fn has_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        if b != b'\\' {
            return false;
        }
        match bytes.get(i + 1) {
            Some(c) if b"rntabefv\\'".contains(c) => true,
            Some(c) if (b'0'..=b'7').contains(c) => true,
            Some(b'x') => bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit),
            _ => false,
        }
    })
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (_, script, _) in shellcheck::readable_scripts(ctx) {
        shellcheck::each_simple(&script.parsed.list, &mut |simple, _| {
            if shellcheck::basename(simple) != Some("echo") {
                return;
            }
            if shellcheck::flags(simple).iter().any(|f| f == "e") {
                return;
            }
            for word in simple.words.iter().skip(1) {
                let mut text = String::new();
                literal_text(&word.parts, &mut text);
                if has_escape(&text) {
                    out.push(shellcheck::finding(
                        script,
                        word.span,
                        "echo may not expand escape sequences. Use printf.",
                    ));
                }
            }
        });
    }
}
