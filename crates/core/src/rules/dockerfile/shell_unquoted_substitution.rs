use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck::{self, Role};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::shell::{Command, List, Part};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC2046",
        aliases: &[],
        summary: "Quote this to prevent word splitting",
        severity: Severity::Warning,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a command substitution (`$(…)` or backquotes) outside double quotes in a
command's words or a redirection, as ShellCheck's SC2046. Places the shell
does not split are left alone (assignments, `[[ … ]]`, `case`, `for … in`
lists, a bash declaration's `NAME=value`), as are `$(seq …)` and
`$(pgrep …)`, whose output is meant to be split, and a substitution that is
the whole command name.

## Why is this bad?
The output is split on blanks and each piece globbed: a path with a space
becomes two arguments, a `*` in the output expands to files.

## Example
```dockerfile
RUN apk add --no-cache $(cat /tmp/packages.txt | grep -v '^#')
```

## Use instead
```dockerfile
RUN xargs apk add --no-cache < /tmp/packages.txt
```

## References
- ShellCheck `SC2046` (run by hadolint on every RUN)
"#;

/// The name of the first command of a substitution's body.
fn first_command(body: &List) -> Option<String> {
    let item = body.items.first()?;
    match item.first.commands.first()? {
        Command::Simple(simple) => shellcheck::basename(simple).map(str::to_string),
        _ => None,
    }
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (_, script, dialect) in shellcheck::readable_scripts(ctx) {
        shellcheck::each_word(&script.parsed.list, &mut |word, role| {
            if role.quote_free() {
                return;
            }
            match role {
                Role::CommandName(_) if word.parts.len() == 1 => return,
                Role::Argument(simple, _)
                    if shellcheck::is_declaration_assignment(simple, word, dialect) =>
                {
                    return
                }
                _ => {}
            }
            for part in &word.parts {
                let Part::CommandSubstitution { body, span, .. } = part else {
                    continue;
                };
                if body.items.is_empty() {
                    continue;
                }
                if matches!(first_command(body).as_deref(), Some("seq" | "pgrep")) {
                    continue;
                }
                out.push(shellcheck::finding(
                    script,
                    *span,
                    "Quote this to prevent word splitting.",
                ));
            }
        });
    }
}
