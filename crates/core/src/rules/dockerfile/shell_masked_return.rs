use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck::{self, DECLARATIONS};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::shell::{Part, Word};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC2155",
        aliases: &[],
        summary: "Declare and assign separately to avoid masking return values",
        severity: Severity::Warning,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `export`, `local`, `declare`, `readonly` or `typeset` with an argument
`NAME=…$(command)…`, as ShellCheck's SC2155. A `local -r`/`declare -r` inside a
function is left alone, as ShellCheck leaves it.

## Why is this bad?
The status of the line is the declaration's, always 0: when the command in
`$(…)` fails, `set -e` does not stop the build and `&&` goes on, with an
empty value. `export GNUPGHOME="$(mktemp -d)"` succeeds even when `mktemp` fails.

## Example
```dockerfile
RUN set -e; export GNUPGHOME="$(mktemp -d)"; gpg --batch --import /tmp/key.asc
```

## Use instead
```dockerfile
RUN set -e; GNUPGHOME="$(mktemp -d)"; export GNUPGHOME; gpg --batch --import /tmp/key.asc
```

## References
- ShellCheck `SC2155` (run by hadolint on every RUN)
"#;

/// A command substitution in the word, quoted or not: its status is lost.
fn runs_a_command(parts: &[Part]) -> bool {
    parts.iter().any(|part| match part {
        Part::CommandSubstitution { .. } => true,
        Part::DoubleQuoted { parts, .. } => runs_a_command(parts),
        _ => false,
    })
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (_, script, _) in shellcheck::readable_scripts(ctx) {
        shellcheck::each_simple(&script.parsed.list, &mut |simple, in_function| {
            let Some(name) = simple.name() else {
                return;
            };
            if !DECLARATIONS.contains(&name) {
                return;
            }
            let flags = shellcheck::flags(simple);
            let has = |f: &str| flags.iter().any(|x| x == f);
            let local = !has("g") && ["local", "declare", "typeset"].contains(&name) && in_function;
            let read_only = name == "readonly" || has("r");
            // `local -r x=$(…)`: the workaround is worse than the risk (ShellCheck's choice).
            if local && read_only {
                return;
            }
            for word in simple.words.iter().skip(1) {
                if shellcheck::assignment_name(word).is_some() && runs_a_command(&word.parts) {
                    out.push(shellcheck::finding(
                        script,
                        assignment_span(word),
                        "Declare and assign separately to avoid masking return values.",
                    ));
                }
            }
        });
    }
}

fn assignment_span(word: &Word) -> crate::span::Span {
    word.span
}
