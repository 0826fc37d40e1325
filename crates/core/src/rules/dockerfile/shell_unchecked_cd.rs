use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::dockerfile::shellcheck;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::shell::{AndOr, Command, List, Simple};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC2164",
        aliases: &[],
        summary: "Use 'cd ... || exit' in case cd fails",
        severity: Severity::Warning,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags `cd`, `pushd` or `popd` whose failure nothing checks — not followed by
`&&`, not the condition of an `if` or `||`, in a script without `set -e` —
as ShellCheck's SC2164. `cd /`, `cd ..` and the like, and the last command
of a function, are left alone.

Quick fix: appends ` || exit` to the command.

## Why is this bad?
When the directory is missing, the shell stays where it was and the next
commands run there: `cd /app/build; rm -rf *` empties the wrong directory.
(In a Dockerfile, `WORKDIR` is the better way to change directory: DL3003.)

## Example
```dockerfile
RUN cd /usr/src/app; make install
```

## Use instead
```dockerfile
RUN cd /usr/src/app || exit; make install
```

## References
- ShellCheck `SC2164` (run by hadolint on every RUN)
"#;

/// Where the command ends: after its last word or redirection (not the
/// blanks after it).
fn end_of(simple: &Simple) -> usize {
    let words = simple.words.iter().map(|w| w.span.end);
    let redirects = simple.redirects.iter().map(|r| r.span.end);
    let assignments = simple.assignments.iter().map(|a| a.span.end);
    words
        .chain(redirects)
        .chain(assignments)
        .max()
        .unwrap_or(simple.span.end)
}

/// `cd /`, `cd ..`, `cd ../..`, `cd .`: cannot fail (ShellCheck's `isSafeDir`).
fn safe_directory(simple: &Simple) -> bool {
    let [_, target] = simple.words.as_slice() else {
        return false;
    };
    let Some(dir) = target.literal() else {
        return false;
    };
    let rest = dir.trim_start_matches('/');
    rest.split('/')
        .filter(|piece| !piece.is_empty())
        .all(|piece| piece == "." || piece == "..")
        && !rest.contains("...")
}

struct Walk<'s, 'o> {
    script: &'s crate::dockerfile::script::Script,
    out: &'o mut Vec<Finding>,
}

impl Walk<'_, '_> {
    /// `checked`: a condition reads this command's status (it is left of
    /// `&&`/`||`, or inside an `if`/`while` condition).
    fn list(&mut self, list: &List, checked: bool, function_body: bool) {
        let count = list.items.len();
        for (i, item) in list.items.iter().enumerate() {
            self.and_or(item, checked, function_body && i + 1 == count);
        }
    }

    /// `a && b || c`: every part but the last is a condition.
    fn and_or(&mut self, item: &AndOr, checked: bool, last_of_function: bool) {
        let count = 1 + item.rest.len();
        let pipelines = std::iter::once(&item.first).chain(item.rest.iter().map(|(_, p)| p));
        for (j, pipeline) in pipelines.enumerate() {
            let last = j + 1 == count;
            for command in &pipeline.commands {
                self.command(command, checked || !last, last_of_function && last);
            }
        }
    }

    fn command(&mut self, command: &Command, checked: bool, last_of_function: bool) {
        match command {
            Command::Simple(simple) => {
                self.words(simple, checked);
                if checked || last_of_function {
                    return;
                }
                let Some(name) = simple.name() else {
                    return;
                };
                if !matches!(name, "cd" | "pushd" | "popd") || safe_directory(simple) {
                    return;
                }
                if name != "cd" && shellcheck::flags(simple).iter().any(|f| f == "n") {
                    return;
                }
                let span = crate::span::Span::new(simple.span.start, end_of(simple));
                let end = self.script.source_span(span).end;
                self.out.push(
                    shellcheck::finding(
                        self.script,
                        span,
                        format!("Use '{name} ... || exit' or '{name} ... || return' in case {name} fails."),
                    )
                    .with_fix(Fix::new("Append || exit", vec![Edit::insert(end, " || exit")])),
                );
            }
            Command::Subshell { body, .. } | Command::Group { body, .. } => {
                self.list(body, checked, false)
            }
            Command::If {
                branches,
                otherwise,
                ..
            } => {
                for (condition, body) in branches {
                    self.conditions(condition, checked);
                    self.list(body, checked, false);
                }
                if let Some(otherwise) = otherwise {
                    self.list(otherwise, checked, false);
                }
            }
            Command::Loop {
                condition, body, ..
            } => {
                self.conditions(condition, checked);
                self.list(body, checked, false);
            }
            Command::For { body, .. } => self.list(body, checked, false),
            Command::Case { arms, .. } => {
                for (_, body) in arms {
                    self.list(body, checked, false);
                }
            }
            Command::Function { body, .. } => match &**body {
                Command::Group { body, .. } => self.list(body, checked, true),
                other => self.command(other, checked, false),
            },
            Command::Test { .. } | Command::Arithmetic { .. } => {}
        }
    }

    /// A condition list: its last command's status is read.
    fn conditions(&mut self, list: &List, checked: bool) {
        let count = list.items.len();
        for (i, item) in list.items.iter().enumerate() {
            self.and_or(item, checked || i + 1 == count, false);
        }
    }

    /// Commands inside the words' substitutions.
    fn words(&mut self, simple: &Simple, checked: bool) {
        for word in &simple.words {
            let mut lists = Vec::new();
            shellcheck::nested_lists(&word.parts, &mut |list| lists.push(list));
            for list in lists {
                self.list(list, checked, false);
            }
        }
    }
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (_, script, _) in shellcheck::readable_scripts(ctx) {
        if shellcheck::sets_errexit(script) {
            continue;
        }
        Walk { script, out }.list(&script.parsed.list, false, false);
    }
}
