use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck::{self, Role};
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::shell::{Part, Simple};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC2016",
        aliases: &[],
        summary: "Expressions don't expand in single quotes, use double quotes for that",
        severity: Severity::Info,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `$name`, `${…}`, `$(…)` or a backquoted command inside single quotes,
as ShellCheck's SC2016 — except for the commands that expand such text
themselves: awk, perl, `sh -c`/`bash -c`, ssh, eval, trap, sudo, docker,
jq, `git filter-branch`, the command `find -exec` runs, and sed's own `$`
addresses (`sed '$d'`).

## Why is this bad?
The shell passes the text as written: `echo 'PATH=$PATH:/opt/bin' >> ~/.profile`
writes `$PATH`, which may be meant, but `curl -H 'Authorization: Bearer $TOKEN'`
sends the word `$TOKEN`.

## Example
```dockerfile
RUN curl -fsSL -H 'Authorization: Bearer $TOKEN' https://example.com/setup.sh -o /tmp/setup.sh
```

## Use instead
```dockerfile
RUN curl -fsSL -H "Authorization: Bearer $TOKEN" https://example.com/setup.sh -o /tmp/setup.sh
```

## References
- ShellCheck `SC2016` (run by hadolint on every RUN)
"#;

/// Commands that expand the text themselves (ShellCheck's list).
const EXPANDS_ITSELF: [&str; 20] = [
    "trap",
    "sh",
    "bash",
    "ksh",
    "zsh",
    "ssh",
    "eval",
    "xprop",
    "alias",
    "sudo",
    "doas",
    "run0",
    "docker",
    "podman",
    "oc",
    "dpkg-query",
    "jq",
    "rename",
    "rg",
    "unset",
];

/// Variables whose value is usually written in single quotes on purpose.
const COMMONLY_QUOTED: [&str; 5] = ["PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND"];

/// `$` then a name, a digit, `{` or `(`; or a backquoted command.
fn expands_in_double_quotes(text: &str) -> bool {
    let bytes = text.as_bytes();
    let dollar = bytes.windows(2).any(|w| {
        w[0] == b'$'
            && (w[1] == b'{' || w[1] == b'(' || w[1] == b'_' || w[1].is_ascii_alphanumeric())
    });
    let backquoted = text
        .split('`')
        .enumerate()
        .any(|(i, piece)| i % 2 == 1 && !piece.is_empty() && i + 1 < text.split('`').count());
    dollar || backquoted
}

/// sed's own uses of `$`: the last line, and `${`, `$d`, `$p`, `$s`, … commands.
fn sed_dollar(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'$'
            && bytes.get(i + 1).is_some_and(|c| b"{dpsaic".contains(c))
            && bytes.get(i + 2).is_none_or(|c| !c.is_ascii_alphabetic())
    })
}

/// The command that receives the text: the command `find -exec` runs,
/// `git filter-branch`, or the command itself.
fn receiving_command(simple: &Simple) -> String {
    let name = shellcheck::basename(simple).unwrap_or_default().to_string();
    let words: Vec<Option<String>> = simple.words.iter().map(|w| w.literal()).collect();
    if name == "find" {
        if let Some(at) = words
            .iter()
            .position(|w| matches!(w.as_deref(), Some("-exec" | "-execdir" | "-ok" | "-okdir")))
        {
            if let Some(Some(command)) = words.get(at + 1) {
                return command.rsplit('/').next().unwrap_or(command).to_string();
            }
        }
    }
    if name == "git" && words.get(1).and_then(|w| w.as_deref()) == Some("filter-branch") {
        return "git filter-branch".into();
    }
    name
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (_, script, _) in shellcheck::readable_scripts(ctx) {
        // Assignments to the prompt variables are checked by their name.
        let mut prompt_values = Vec::new();
        shellcheck::each_simple(&script.parsed.list, &mut |simple, _| {
            for assignment in &simple.assignments {
                if COMMONLY_QUOTED.contains(&assignment.name.as_str()) {
                    if let Some(value) = &assignment.value {
                        prompt_values.push(value.span);
                    }
                }
            }
        });
        shellcheck::each_word(&script.parsed.list, &mut |word, role| {
            if prompt_values.contains(&word.span) {
                return;
            }
            for part in &word.parts {
                let Part::SingleQuoted { text, span } = part else {
                    continue;
                };
                if !expands_in_double_quotes(text) {
                    continue;
                }
                let command = match role {
                    Role::CommandName(simple) | Role::Argument(simple, _) => {
                        receiving_command(simple)
                    }
                    _ => String::new(),
                };
                let fine = if command == "sed" {
                    sed_dollar(text)
                } else {
                    EXPANDS_ITSELF.contains(&command.as_str())
                        || command == "git filter-branch"
                        || command.ends_with("awk")
                        || command.starts_with("perl")
                };
                if !fine {
                    out.push(shellcheck::finding(
                        script,
                        *span,
                        "Expressions don't expand in single quotes, use double quotes for that.",
                    ));
                }
            }
        });
    }
}
