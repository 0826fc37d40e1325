use crate::diagnostic::Severity;
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::shell::{AndOr, Command, List};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC2251",
        aliases: &[],
        summary: "This ! is not on a condition and skips errexit",
        severity: Severity::Info,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `! command` written as a statement of its own (not the last of the
script, not a condition of `if`, `while` or `&&`/`||`) in a script that runs
with `set -e`, as ShellCheck's SC2251.

## Why is this bad?
`set -e` ignores the status of a negated command: `! grep -q bad file; next`
goes on whether `bad` is found or not, so the check checks nothing.

## Example
```dockerfile
RUN set -e; ! grep -q 'debug' /etc/app.conf; echo checked
```

## Use instead
```dockerfile
RUN set -e; if grep -q 'debug' /etc/app.conf; then exit 1; fi; echo checked
```

## References
- ShellCheck `SC2251` (run by hadolint on every RUN)
"#;

/// The statements whose status nobody reads (ShellCheck's
/// `getNonReturningCommands`), at every depth.
fn unread<'a>(list: &'a List, all: bool, visit: &mut dyn FnMut(&'a AndOr)) {
    let count = list.items.len();
    for (i, item) in list.items.iter().enumerate() {
        if all || i + 1 < count {
            visit(item);
        }
        for pipeline in std::iter::once(&item.first).chain(item.rest.iter().map(|(_, p)| p)) {
            for command in &pipeline.commands {
                nested(command, visit);
            }
        }
    }
}

fn nested<'a>(command: &'a Command, visit: &mut dyn FnMut(&'a AndOr)) {
    match command {
        Command::Group { body, .. } => unread(body, true, visit),
        Command::Subshell { body, .. } => unread(body, false, visit),
        Command::Loop {
            condition, body, ..
        } => {
            unread(condition, false, visit);
            unread(body, true, visit);
        }
        Command::For { body, .. } => unread(body, true, visit),
        Command::If {
            branches,
            otherwise,
            ..
        } => {
            for (condition, body) in branches {
                unread(condition, false, visit);
                unread(body, true, visit);
            }
            if let Some(otherwise) = otherwise {
                unread(otherwise, true, visit);
            }
        }
        // ShellCheck does not look at a case arm's own commands, only at
        // the compound commands inside them.
        Command::Case { arms, .. } => {
            for (_, body) in arms {
                for item in &body.items {
                    for pipeline in
                        std::iter::once(&item.first).chain(item.rest.iter().map(|(_, p)| p))
                    {
                        for command in &pipeline.commands {
                            nested(command, visit);
                        }
                    }
                }
            }
        }
        // A function's body is its own: its last status is the function's.
        Command::Function { body, .. } => match &**body {
            Command::Group { body, .. } => unread(body, false, visit),
            other => nested(other, visit),
        },
        Command::Simple(_) | Command::Test { .. } | Command::Arithmetic { .. } => {}
    }
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (_, script, _) in shellcheck::readable_scripts(ctx) {
        if !shellcheck::sets_errexit(script) {
            continue;
        }
        unread(&script.parsed.list, false, &mut |item| {
            if item.rest.is_empty() && item.first.bang.is_some() {
                out.push(shellcheck::finding(
                    script,
                    item.first.span,
                    "This ! is not on a condition and skips errexit. Use `&& exit 1` instead, or make sure $? is checked.",
                ));
            }
        });
    }
}
