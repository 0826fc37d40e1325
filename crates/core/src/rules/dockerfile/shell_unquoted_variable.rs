use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::diagnostic::Severity;
use crate::fix::{Edit, Fix};
use crate::rules::dockerfile::shellcheck::{self, Role, DECLARATIONS};
use crate::rules::shell_scripts::Dialect;
use crate::rules::{DockerfileContext, DockerfileRule, Finding, Origin, RuleMeta};
use crate::shell::{AndOr, Command, List, Parameter, Part, Simple, Word};

pub static RULE: DockerfileRule = DockerfileRule {
    meta: RuleMeta {
        code: "SC2086",
        aliases: &[],
        summary: "Double quote to prevent globbing and word splitting",
        severity: Severity::Info,
        origin: Origin::ShellCheck,
        off_by_default: false,
    },
    check,
};

/// The rule's documentation, kept apart from `RULE` so that hosts that
/// only lint do not carry it.
pub static DOCS: &str = r#"## What it does
Flags a variable expanded without double quotes in a shell command (`RUN`,
`ONBUILD RUN`, heredoc scripts, shell-form `CMD`, `ENTRYPOINT` and
`HEALTHCHECK`) when its value may hold spaces or glob characters, as
ShellCheck's SC2086 does.

A variable is known to be safe, and is not flagged, when every assignment
that reaches the expansion gives it a value without blanks or `*?[`:
literals, arithmetic, `$?`, `$#`, and other safe variables — followed
through `if`, `case`, loops, `&&`/`||` and subshells the way ShellCheck's
data flow does. Every ARG and ENV of the stage counts as safe (hadolint
declares them to ShellCheck as `NAME=1`), as do the proxy variables. Other
variables (`$HOME`, `$PWD`, positional parameters, `$(…)` results) are
not known, so they are flagged. Words the shell does not split are never
flagged: assignments, `[[ … ]]`, `case` words, `for … in` lists, here-documents,
a bash declaration's `NAME=value`.

Quick fix: puts the expansion in double quotes (`$dir` → `"$dir"`), when it
is written on one line.

ShellCheck reads `a && b && c` as `(a && b) && c` and reaches `c` from
the end of `a && b`, where `b` may not have run: in
`true && x=1 && echo $x` it does not know `$x`. This rule reads it the same
way, so that its findings are ShellCheck's (and a `# hadolint ignore=SC2086`
written for them keeps its meaning); assign with `;` or on the first
command of the chain to have the value known.

## Why is this bad?
Unquoted, `$dir` is split on blanks and globbed: `rm -rf $dir/cache` with
`dir="my app"` removes `my` and `app/cache`. In a Dockerfile the values
usually come from ARGs that a build may override with anything.

## Example
```dockerfile
RUN target=$(go env GOPATH)/bin && cp build/app $target
```

## Use instead
```dockerfile
RUN target="$(go env GOPATH)/bin" && cp build/app "$target"
```

## References
- ShellCheck `SC2086` (run by hadolint on every RUN)
"#;

/// What is known of a variable's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Value {
    /// Set, and known to hold no blank and no glob character.
    Clean,
    /// Set to the empty string.
    Empty,
    /// Anything else: unknown, or may hold blanks or globs.
    Dirty,
}

fn append(a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Empty, x) | (x, Value::Empty) => x,
        (Value::Clean, Value::Clean) => Value::Clean,
        _ => Value::Dirty,
    }
}

fn merge_value(a: Value, b: Value) -> Value {
    match (a, b) {
        (Value::Empty, x) | (x, Value::Empty) => x,
        (Value::Clean, Value::Clean) => Value::Clean,
        _ => Value::Dirty,
    }
}

fn literal(text: &str) -> Value {
    if text.is_empty() {
        Value::Empty
    } else if text.contains([' ', '\t', '\n', '*', '?', '[']) {
        Value::Dirty
    } else {
        Value::Clean
    }
}

/// The variables known at a point of the script; `None` where the script
/// cannot be (after `exit`).
type State<'a> = Option<Vars<'a>>;

/// Variable names (borrowed from the script and its facts, never copied:
/// states are cloned at every branch) to what is known of their values.
type Vars<'a> = HashMap<&'a str, Value, BuildHasherDefault<Fnv>>;

/// FNV-1a: variable names are short, and a state is hashed into often.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf29ce484222325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x100000001b3);
        }
        self.0 = hash;
    }
}

/// Both ways a script may go, joined: a variable is clean only when it is
/// on every way that reaches here.
fn merge<'a>(a: State<'a>, b: State<'a>) -> State<'a> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(mut a), Some(b)) => {
            a.retain(|name, value| match b.get(name) {
                Some(other) => {
                    *value = merge_value(*value, *other);
                    true
                }
                None => false,
            });
            Some(a)
        }
    }
}

/// A `for` loop's condition: none (the list is walked before the loop).
static NO_CONDITION: List = List { items: Vec::new() };

/// Variables that never hold blanks (ShellCheck's list).
const SPACELESS: [&str; 17] = [
    "$",
    "?",
    "!",
    "#",
    "-",
    "BASHPID",
    "BASH_ARGC",
    "BASH_LINENO",
    "BASH_SUBSHELL",
    "EUID",
    "EPOCHREALTIME",
    "EPOCHSECONDS",
    "LINENO",
    "OPTIND",
    "PPID",
    "RANDOM",
    "UID",
];
/// Never worth a finding: the shell's own counters and flags.
const NEVER_FLAGGED: [&str; 5] = ["$", "?", "!", "#", "-"];

struct Walk<'a, 'o> {
    script: &'a crate::dockerfile::script::Script,
    dialect: Dialect,
    out: &'o mut Vec<Finding>,
    /// Off while a loop body is walked the first time (to learn what it assigns).
    report: bool,
}

fn check(ctx: &DockerfileContext, out: &mut Vec<Finding>) {
    for (run, script, dialect) in shellcheck::readable_scripts(ctx) {
        let mut state = Vars::with_capacity_and_hasher(
            SPACELESS.len() + run.exported.len() + 8,
            Default::default(),
        );
        for name in SPACELESS {
            state.insert(name, Value::Clean);
        }
        for name in &run.exported {
            state.insert(name, Value::Clean);
        }
        let mut walk = Walk {
            script,
            dialect,
            out,
            report: true,
        };
        walk.list(&script.parsed.list, Some(state));
    }
}

impl<'a> Walk<'a, '_> {
    fn value_of_parts(&self, parts: &[Part], state: &Vars) -> Value {
        parts.iter().fold(Value::Empty, |acc, part| {
            let value = match part {
                Part::Literal { text, .. }
                | Part::SingleQuoted { text, .. }
                | Part::DollarSingleQuoted { text, .. } => literal(text),
                Part::Escaped { ch, .. } => literal(&ch.to_string()),
                Part::DoubleQuoted { parts, .. } => self.value_of_parts(parts, state),
                Part::Parameter(p) if p.length => Value::Clean,
                Part::Parameter(p) => state.get(p.name.as_str()).copied().unwrap_or(Value::Dirty),
                Part::Arithmetic { .. } => Value::Clean,
                Part::CommandSubstitution { .. } | Part::ProcessSubstitution { .. } => Value::Dirty,
            };
            append(acc, value)
        })
    }

    fn list(&mut self, list: &'a List, mut state: State<'a>) -> State<'a> {
        for item in &list.items {
            state = self.and_or(item, state);
        }
        state
    }

    /// `a && b || c`, read as ShellCheck's control flow graph reads it:
    /// `(a && b) || c`, each right side reached from the end of the chain so
    /// far, where what its left side assigned may or may not have happened.
    /// (So in `true && x=1 && echo $x`, ShellCheck does not know `$x`.)
    fn and_or(&mut self, item: &'a AndOr, state: State<'a>) -> State<'a> {
        let mut state = self.pipeline(&item.first.commands, state);
        for (_, pipeline) in &item.rest {
            let taken = self.pipeline(&pipeline.commands, state.clone());
            state = merge(state, taken);
        }
        state
    }

    fn pipeline(&mut self, commands: &'a [Command], state: State<'a>) -> State<'a> {
        if let [command] = commands {
            return self.command(command, state);
        }
        // Each part of a pipeline runs in a subshell of its own.
        for command in commands {
            self.command(command, state.clone());
        }
        state
    }

    fn command(&mut self, command: &'a Command, state: State<'a>) -> State<'a> {
        state.as_ref()?;
        match command {
            Command::Simple(simple) => self.simple(simple, state),
            Command::Subshell { body, .. } => {
                self.list(body, state.clone());
                state
            }
            Command::Group { body, .. } => self.list(body, state),
            Command::If {
                branches,
                otherwise,
                ..
            } => {
                let mut current = state;
                let mut ends: State = None;
                for (condition, body) in branches {
                    current = self.list(condition, current);
                    let taken = self.list(body, current.clone());
                    ends = merge(ends, taken);
                }
                let rest = match otherwise {
                    Some(otherwise) => self.list(otherwise, current),
                    None => current,
                };
                merge(ends, rest)
            }
            Command::For {
                name, words, body, ..
            } => {
                let mut entry = state;
                if let Some(map) = entry.as_mut() {
                    // Words that split give the variable unknown values
                    // (ShellCheck's `willSplit`); literal words, their own.
                    let value = match words {
                        Some(words) if !words.iter().any(splits) => {
                            words.iter().fold(Value::Empty, |acc, w| {
                                merge_value(acc, self.value_of_parts(&w.parts, map))
                            })
                        }
                        _ => Value::Dirty,
                    };
                    self.nested(words.iter().flatten(), entry.as_ref());
                    if let Some(map) = entry.as_mut() {
                        map.insert(
                            name.as_str(),
                            if value == Value::Empty {
                                Value::Dirty
                            } else {
                                value
                            },
                        );
                    }
                }
                self.looped(&NO_CONDITION, body, entry)
            }
            Command::Loop {
                condition, body, ..
            } => self.looped(condition, body, state),
            Command::Case { word, arms, .. } => {
                self.nested(std::iter::once(word), state.as_ref());
                // With a `*)` arm, no value goes past the case unmatched.
                let catch_all = arms.iter().any(|(patterns, _)| {
                    patterns.iter().any(|p| p.literal().as_deref() == Some("*"))
                });
                let mut ends = if catch_all { None } else { state.clone() };
                for (patterns, body) in arms {
                    self.nested(patterns.iter(), state.as_ref());
                    let taken = self.list(body, state.clone());
                    ends = merge(ends, taken);
                }
                ends
            }
            Command::Function { body, .. } => {
                // Checked where it is written; what it assigns is not followed into calls.
                self.command(body, state.clone());
                state
            }
            Command::Test { words, .. } => {
                self.nested(words.iter(), state.as_ref());
                state
            }
            Command::Arithmetic { .. } => state,
        }
    }

    /// A loop: its body may run any number of times, so the assignments it
    /// makes reach its start too. Walked once to learn them, then again to report.
    fn looped(&mut self, condition: &'a List, body: &'a List, entry: State<'a>) -> State<'a> {
        let report = self.report;
        self.report = false;
        let first = self.list(condition, entry.clone());
        let after_body = self.list(body, first);
        self.report = report;
        let entry = merge(entry.clone(), after_body).or(entry);
        let tested = self.list(condition, entry);
        let after_body = self.list(body, tested.clone());
        merge(tested, after_body)
    }

    /// The command lists inside words (command substitutions): walked in
    /// a subshell's copy of the state.
    fn nested(&mut self, words: impl Iterator<Item = &'a Word>, state: Option<&Vars<'a>>) {
        let Some(state) = state else {
            return;
        };
        for word in words {
            let mut lists: Vec<&List> = Vec::new();
            shellcheck::nested_lists(&word.parts, &mut |list| lists.push(list));
            for list in lists {
                self.list(list, Some(state.clone()));
            }
        }
    }

    fn simple(&mut self, simple: &'a Simple, state: State<'a>) -> State<'a> {
        let mut map = state?;
        let name = simple.name();
        let declaration = name.is_some_and(|n| DECLARATIONS.contains(&n));
        // The words, with the state before the command's assignments.
        for (i, word) in simple.words.iter().enumerate() {
            let role = if i == 0 {
                Role::CommandName(simple)
            } else {
                Role::Argument(simple, i)
            };
            if !(declaration && shellcheck::is_declaration_assignment(simple, word, self.dialect)) {
                self.word(word, role, simple, &map);
            }
        }
        for redirect in &simple.redirects {
            if let Some(target) = redirect
                .target
                .as_ref()
                .filter(|_| !redirect.op.starts_with("<<") || redirect.op == "<<<")
            {
                self.word(target, Role::Redirect, simple, &map);
            }
        }
        self.nested(simple.words.iter(), Some(&map));
        self.nested(
            simple.assignments.iter().filter_map(|a| a.value.as_ref()),
            Some(&map),
        );
        self.nested(
            simple.redirects.iter().filter_map(|r| r.target.as_ref()),
            Some(&map),
        );

        if simple.words.is_empty() {
            for assignment in &simple.assignments {
                let value = match &assignment.value {
                    Some(value) => self.value_of_parts(&value.parts, &map),
                    None => Value::Dirty,
                };
                let value = if assignment.span.end > assignment.name_span.end
                    && self.script.text[assignment.name_span.end..].starts_with("+=")
                {
                    append(
                        map.get(assignment.name.as_str())
                            .copied()
                            .unwrap_or(Value::Dirty),
                        value,
                    )
                } else {
                    value
                };
                map.insert(assignment.name.as_str(), value);
            }
        }
        match name {
            Some(n) if DECLARATIONS.contains(&n) => {
                for word in simple.words.iter().skip(1) {
                    let Some(var) = shellcheck::assignment_name(word) else {
                        continue;
                    };
                    let value = match word.parts.first() {
                        Some(Part::Literal { text, .. }) => {
                            let after = text[var.len()..]
                                .trim_start_matches('+')
                                .trim_start_matches('=');
                            append(literal(after), self.value_of_parts(&word.parts[1..], &map))
                        }
                        _ => Value::Dirty,
                    };
                    map.insert(var, value);
                }
            }
            Some("read") => {
                for word in simple.words.iter().skip(1) {
                    if let [Part::Literal { text, .. }] = word.parts.as_slice() {
                        if !text.starts_with('-') {
                            map.insert(text.as_str(), Value::Dirty);
                        }
                    }
                }
            }
            Some("unset") => {
                for word in simple.words.iter().skip(1) {
                    if let [Part::Literal { text, .. }] = word.parts.as_slice() {
                        map.remove(text.as_str());
                    }
                }
            }
            Some("exit") => return None,
            _ => {}
        }
        Some(map)
    }

    fn word(&mut self, word: &Word, role: Role, simple: &Simple, state: &Vars) {
        if !self.report || role.quote_free() {
            return;
        }
        for part in &word.parts {
            let Part::Parameter(parameter) = part else {
                continue;
            };
            if !needs_quotes(parameter, word, role, simple) {
                continue;
            }
            if state.get(parameter.name.as_str()) == Some(&Value::Clean) {
                continue;
            }
            let span = parameter.span;
            let source = self.script.source_span(span);
            let mut found = shellcheck::finding(
                self.script,
                span,
                "Double quote to prevent globbing and word splitting.",
            );
            // Quoting is one edit only when the expansion is written on one piece.
            if source.end - source.start == span.end - span.start {
                found = found.with_fix(Fix::new(
                    format!("Quote {}", &self.script.text[span.start..span.end]),
                    vec![
                        Edit::insert(source.start, "\""),
                        Edit::insert(source.end, "\""),
                    ],
                ));
            }
            self.out.push(found);
        }
    }
}

/// Whether the shell splits or globs this word: an unquoted expansion or a
/// glob character outside quotes.
fn splits(word: &Word) -> bool {
    word.parts.iter().any(|part| match part {
        Part::Parameter(_)
        | Part::CommandSubstitution { .. }
        | Part::ProcessSubstitution { .. }
        | Part::Arithmetic { .. } => true,
        Part::Literal { text, .. } => text.contains(['*', '?', '[']),
        _ => false,
    })
}

/// ShellCheck's conditions for SC2086 on one expansion, apart from what is
/// known of its value.
fn needs_quotes(parameter: &Parameter, word: &Word, role: Role, simple: &Simple) -> bool {
    if parameter.length || NEVER_FLAGGED.contains(&parameter.name.as_str()) {
        return false;
    }
    // "$@"-like array expansions have a check of their own (SC2068).
    if matches!(parameter.name.as_str(), "@" | "*")
        || parameter.modifier.starts_with("[@]")
        || parameter.modifier.starts_with("[*]")
    {
        return false;
    }
    // ${x:+word}: the alternative decides its own quoting.
    let modifier = parameter
        .modifier
        .trim_start_matches(|c| c != '+' && c != ':' && c != ']');
    let modifier = modifier.strip_prefix(']').unwrap_or(modifier);
    if modifier.starts_with(":+") || modifier.starts_with('+') {
        return false;
    }
    // `$cmd args`: the expansion is the command.
    if matches!(role, Role::CommandName(_)) && word.parts.len() == 1 {
        return false;
    }
    // `: ${x:=default}` is ShellCheck's SC2223.
    if (parameter.modifier.starts_with(":=") || parameter.modifier.starts_with('='))
        && simple.name() == Some(":")
    {
        return false;
    }
    true
}
