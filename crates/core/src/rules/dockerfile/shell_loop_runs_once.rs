use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::shell::{Command, Part, Word};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC2043",
        aliases: &[],
        summary: "This loop will only ever run once",
        severity: Severity::Warning,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `for x in word` whose only word is a constant — no expansion, no
glob, no brace list — as ShellCheck's SC2043. (A quoted `"$list"` or a
single-quoted or comma-separated word is a different mistake, left to
ShellCheck's SC2066, SC2041 and SC2042.)

## Why is this bad?
The loop runs once, with that word: usually the list was meant to come from
a variable or a glob, or the loop is left over from a list that shrank to
one item (then it is only noise).

## Example
```dockerfile
RUN for key in 4ED778F539E3634C779C87C6D7062848A1AB005C; do gpg --recv-keys "$key"; done
```

## Use instead
```dockerfile
RUN gpg --recv-keys 4ED778F539E3634C779C87C6D7062848A1AB005C
```

## References
- ShellCheck `SC2043` (run by hadolint on every RUN)
"#;

/// Whether the word may stand for several words: an unquoted expansion, a
/// glob, or a brace list.
fn may_be_several(word: &Word) -> bool {
    word.parts.iter().any(|part| match part {
        Part::Parameter(_)
        | Part::CommandSubstitution { .. }
        | Part::Arithmetic { .. }
        | Part::ProcessSubstitution { .. } => true,
        Part::Literal { text, .. } => {
            text.contains(['*', '?', '[']) || (text.contains('{') && text.contains(','))
        }
        Part::DoubleQuoted { parts, .. } => parts.iter().any(|p| match p {
            Part::Parameter(p) => {
                p.name == "@" || p.modifier.starts_with("[@]") || p.modifier.starts_with("[*]")
            }
            _ => false,
        }),
        _ => false,
    })
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (_, script, _) in shellcheck::readable_scripts(ctx) {
        shellcheck::each_command(&script.parsed.list, &mut |command| {
            let Command::For {
                words: Some(words), ..
            } = command
            else {
                return;
            };
            let [word] = words.as_slice() else {
                return;
            };
            // "…" and '…' alone, and a comma list, are other checks' cases.
            if matches!(
                word.parts.as_slice(),
                [Part::DoubleQuoted { .. }] | [Part::SingleQuoted { .. }]
            ) {
                return;
            }
            if word.literal().is_some_and(|w| w.contains(',')) {
                return;
            }
            if !may_be_several(word) {
                out.push(shellcheck::finding(
                    script,
                    word.span,
                    "This loop will only ever run once. Bad quoting or missing glob/expansion?",
                ));
            }
        });
    }
}
