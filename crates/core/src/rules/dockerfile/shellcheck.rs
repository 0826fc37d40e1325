//! What the shell checks (`shell_*.rs`, ShellCheck's checks with its codes and
//! wording) share: the scripts to check, the walk over their words with the
//! role each word plays, and findings placed back in the Dockerfile.
//!
//! As ShellCheck does, a script the reader could not read to its end gets
//! only its syntax errors (`shell_syntax_*.rs`), no other check.

use crate::dockerfile::script::Script;
use crate::rules::shell_scripts::{Dialect, ShellRun};
use crate::rules::{DockerfileContext, Finding};
use crate::shell::{AndOr, Command, List, Part, Simple, Word};
use crate::span::Span;

/// Every script with its instruction's facts and its own dialect.
pub fn scripts<'c>(
    ctx: &'c DockerfileContext,
) -> impl Iterator<Item = (&'c ShellRun<'c>, &'c Script, Dialect)> {
    ctx.shell_runs().iter().flat_map(|run| {
        run.scripts
            .iter()
            .map(move |(script, dialect)| (run, script, *dialect))
    })
}

/// The scripts the reader read to the end: the ones the checks look at.
pub fn readable_scripts<'c>(
    ctx: &'c DockerfileContext,
) -> impl Iterator<Item = (&'c ShellRun<'c>, &'c Script, Dialect)> {
    scripts(ctx).filter(|(_, script, _)| !script.parsed.stopped())
}

/// A finding on `span` of the script, placed in the Dockerfile.
pub fn finding(script: &Script, span: Span, message: impl Into<String>) -> Finding {
    Finding::new(script.source_span(span), message)
}

/// What a word is to the shell.
#[derive(Clone, Copy, Debug)]
pub enum Role<'a> {
    /// The command's name.
    CommandName(&'a Simple),
    /// An argument of the command (index among its words, from 1).
    Argument(&'a Simple, usize),
    /// The value of `NAME=value` before a command or alone.
    Assignment,
    /// A redirection's target.
    Redirect,
    /// A word of `[[ … ]]`.
    Test,
    /// A word of `for name in …`.
    ForList,
    /// The word or a pattern of a `case`.
    Case,
}

impl Role<'_> {
    /// Words the shell neither splits nor globs (ShellCheck's "quote-free"
    /// places). Arguments of declaration commands are decided by the caller.
    pub fn quote_free(&self) -> bool {
        matches!(
            self,
            Role::Assignment | Role::Test | Role::ForList | Role::Case
        )
    }
}

/// The commands that declare variables: their `NAME=value` arguments are
/// assignments in bash (not split), words like any other in POSIX sh.
pub const DECLARATIONS: [&str; 5] = ["export", "local", "declare", "readonly", "typeset"];

/// `NAME=value` or `NAME+=value` as an argument word: the name.
pub fn assignment_name(word: &Word) -> Option<&str> {
    let Some(Part::Literal { text, .. }) = word.parts.first() else {
        return None;
    };
    let name_len = text
        .char_indices()
        .take_while(|&(i, c)| c == '_' || c.is_ascii_alphabetic() || i > 0 && c.is_ascii_digit())
        .count();
    let rest = &text[name_len..];
    (name_len > 0 && (rest.starts_with('=') || rest.starts_with("+="))).then(|| &text[..name_len])
}

/// Whether an argument word of `simple` is an assignment the shell does not
/// split: a declaration's `NAME=value` in bash.
pub fn is_declaration_assignment(simple: &Simple, word: &Word, dialect: Dialect) -> bool {
    dialect == Dialect::Bash
        && simple
            .name()
            .is_some_and(|name| DECLARATIONS.contains(&name))
        && assignment_name(word).is_some()
}

/// Visits every word of `list` with its role, in order, and the words of
/// the commands inside command substitutions (`inside` true then).
pub fn each_word<'a>(list: &'a List, visit: &mut dyn FnMut(&'a Word, Role<'a>)) {
    for item in &list.items {
        each_word_in_and_or(item, visit);
    }
}

fn each_word_in_and_or<'a>(item: &'a AndOr, visit: &mut dyn FnMut(&'a Word, Role<'a>)) {
    for pipeline in std::iter::once(&item.first).chain(item.rest.iter().map(|(_, p)| p)) {
        for command in &pipeline.commands {
            each_word_in_command(command, visit);
        }
    }
}

fn each_word_in_command<'a>(command: &'a Command, visit: &mut dyn FnMut(&'a Word, Role<'a>)) {
    let word = |word: &'a Word, role: Role<'a>, visit: &mut dyn FnMut(&'a Word, Role<'a>)| {
        visit(word, role);
        nested_lists(&word.parts, &mut |list| each_word(list, visit));
    };
    match command {
        Command::Simple(simple) => {
            for assignment in &simple.assignments {
                if let Some(value) = &assignment.value {
                    word(value, Role::Assignment, visit);
                }
            }
            for (i, w) in simple.words.iter().enumerate() {
                let role = if i == 0 {
                    Role::CommandName(simple)
                } else {
                    Role::Argument(simple, i)
                };
                word(w, role, visit);
            }
            for redirect in &simple.redirects {
                if let Some(target) = &redirect.target {
                    if !redirect.op.starts_with("<<") || redirect.op == "<<<" {
                        word(target, Role::Redirect, visit);
                    }
                }
            }
        }
        Command::Subshell { body, .. } | Command::Group { body, .. } => each_word(body, visit),
        Command::If {
            branches,
            otherwise,
            ..
        } => {
            for (condition, body) in branches {
                each_word(condition, visit);
                each_word(body, visit);
            }
            if let Some(otherwise) = otherwise {
                each_word(otherwise, visit);
            }
        }
        Command::For { words, body, .. } => {
            for w in words.iter().flatten() {
                word(w, Role::ForList, visit);
            }
            each_word(body, visit);
        }
        Command::Loop {
            condition, body, ..
        } => {
            each_word(condition, visit);
            each_word(body, visit);
        }
        Command::Case {
            word: subject,
            arms,
            ..
        } => {
            word(subject, Role::Case, visit);
            for (patterns, body) in arms {
                for pattern in patterns {
                    word(pattern, Role::Case, visit);
                }
                each_word(body, visit);
            }
        }
        Command::Function { body, .. } => each_word_in_command(body, visit),
        Command::Test { words, .. } => {
            for w in words {
                word(w, Role::Test, visit);
            }
        }
        Command::Arithmetic { .. } => {}
    }
}

/// The command lists inside these parts: command and process
/// substitutions, at any depth of quotes and parameter expansions.
pub fn nested_lists<'a>(parts: &'a [Part], visit: &mut dyn FnMut(&'a List)) {
    for part in parts {
        match part {
            Part::CommandSubstitution { body, .. } | Part::ProcessSubstitution { body, .. } => {
                visit(body)
            }
            Part::DoubleQuoted { parts, .. } => nested_lists(parts, visit),
            Part::Parameter(parameter) => nested_lists(&parameter.nested, visit),
            _ => {}
        }
    }
}

/// Every simple command of `list`, nested ones included, in order, with
/// whether it is inside a function's body.
pub fn each_simple<'a>(list: &'a List, visit: &mut dyn FnMut(&'a Simple, bool)) {
    each_simple_of_list(list, false, visit);
}

fn each_simple_of_list<'a>(
    list: &'a List,
    in_function: bool,
    visit: &mut dyn FnMut(&'a Simple, bool),
) {
    for item in &list.items {
        for pipeline in std::iter::once(&item.first).chain(item.rest.iter().map(|(_, p)| p)) {
            for command in &pipeline.commands {
                each_simple_in_command(command, in_function, visit);
            }
        }
    }
}

fn each_simple_in_command<'a>(
    command: &'a Command,
    in_function: bool,
    visit: &mut dyn FnMut(&'a Simple, bool),
) {
    let words = |words: &'a [Word], visit: &mut dyn FnMut(&'a Simple, bool)| {
        for word in words {
            nested_lists(&word.parts, &mut |list| {
                each_simple_of_list(list, in_function, visit)
            });
        }
    };
    let list = |list: &'a List, visit: &mut dyn FnMut(&'a Simple, bool)| {
        each_simple_of_list(list, in_function, visit)
    };
    match command {
        Command::Simple(simple) => {
            visit(simple, in_function);
            for assignment in &simple.assignments {
                if let Some(value) = &assignment.value {
                    words(std::slice::from_ref(value), visit);
                }
            }
            words(&simple.words, visit);
        }
        Command::Subshell { body, .. } | Command::Group { body, .. } => list(body, visit),
        Command::If {
            branches,
            otherwise,
            ..
        } => {
            for (condition, body) in branches {
                list(condition, visit);
                list(body, visit);
            }
            if let Some(otherwise) = otherwise {
                list(otherwise, visit);
            }
        }
        Command::For {
            words: items, body, ..
        } => {
            if let Some(items) = items {
                words(items, visit);
            }
            list(body, visit);
        }
        Command::Loop {
            condition, body, ..
        } => {
            list(condition, visit);
            list(body, visit);
        }
        Command::Case { word, arms, .. } => {
            words(std::slice::from_ref(word), visit);
            for (_, body) in arms {
                list(body, visit);
            }
        }
        Command::Function { body, .. } => each_simple_in_command(body, true, visit),
        Command::Test { words: items, .. } => words(items, visit),
        Command::Arithmetic { .. } => {}
    }
}

/// Every command of `list` (compound ones and those inside them), in order;
/// not those inside words' substitutions.
pub fn each_command<'a>(list: &'a List, visit: &mut dyn FnMut(&'a Command)) {
    for item in &list.items {
        for pipeline in std::iter::once(&item.first).chain(item.rest.iter().map(|(_, p)| p)) {
            for command in &pipeline.commands {
                visit(command);
                let lists: Vec<&List> = match command {
                    Command::Subshell { body, .. } | Command::Group { body, .. } => vec![body],
                    Command::If {
                        branches,
                        otherwise,
                        ..
                    } => branches
                        .iter()
                        .flat_map(|(condition, body)| [condition, body])
                        .chain(otherwise)
                        .collect(),
                    Command::For { body, .. } => vec![body],
                    Command::Loop {
                        condition, body, ..
                    } => vec![condition, body],
                    Command::Case { arms, .. } => arms.iter().map(|(_, body)| body).collect(),
                    Command::Function { body, .. } => match &**body {
                        Command::Group { body, .. } | Command::Subshell { body, .. } => vec![body],
                        _ => Vec::new(),
                    },
                    Command::Simple(_) | Command::Test { .. } | Command::Arithmetic { .. } => {
                        Vec::new()
                    }
                };
                for list in lists {
                    each_command(list, visit);
                }
            }
        }
    }
}

/// The command's arguments that are options (`-x`, `--name`), as ShellCheck
/// reads flags: every letter of a `-abc` cluster, the name of a `--long`.
pub fn flags(simple: &Simple) -> Vec<String> {
    let mut out = Vec::new();
    for word in simple.words.iter().skip(1) {
        let Some(text) = word.literal() else {
            continue;
        };
        if text == "--" {
            break;
        }
        if let Some(long) = text.strip_prefix("--") {
            out.push(long.split('=').next().unwrap_or(long).to_string());
        } else if let Some(short) = text.strip_prefix('-') {
            out.extend(short.chars().map(String::from));
        }
    }
    out
}

/// The command's name without a path (`/bin/echo` → `echo`).
pub fn basename(simple: &Simple) -> Option<&str> {
    simple
        .name()
        .map(|name| name.rsplit('/').next().unwrap_or(name))
}

/// The reader's syntax errors of one ShellCheck code, in every script.
pub fn syntax_errors(ctx: &DockerfileContext, code: u32, out: &mut Vec<Finding>) {
    for (_, script, _) in scripts(ctx) {
        for error in script.parsed.errors.iter().filter(|e| e.code == code) {
            out.push(finding(script, error.span, error.message.clone()));
        }
    }
}

/// Whether the script runs with errexit: `set -e` (or `-eux`, `-o errexit`)
/// anywhere in it, or `-e` on a heredoc's `#!` line (ShellCheck's `hasSetE`).
pub fn sets_errexit(script: &Script) -> bool {
    if script.heredoc {
        if let Some(shebang) = script.text.lines().next().filter(|l| l.starts_with("#!")) {
            if shebang
                .split_whitespace()
                .skip(1)
                .any(|w| w.starts_with('-') && !w.starts_with("--") && w.contains('e'))
            {
                return true;
            }
        }
    }
    let mut found = false;
    each_simple(&script.parsed.list, &mut |simple, _| {
        if simple.name() == Some("set") {
            found |= flags(simple).iter().any(|f| f == "e")
                || simple.words.iter().any(|w| matches!(w.parts.as_slice(), [Part::Literal { text, .. }] if text == "errexit"));
        }
    });
    found
}

/// Every simple command named `name` in the scripts a POSIX shell runs
/// (the bashisms SC3xxx flag there and nowhere else).
pub fn in_posix_sh<'c>(
    ctx: &'c DockerfileContext,
    name: &str,
    visit: &mut dyn FnMut(&'c Script, &'c Simple),
) {
    for (_, script, dialect) in readable_scripts(ctx) {
        if dialect != Dialect::Sh {
            continue;
        }
        each_simple(&script.parsed.list, &mut |simple, _| {
            if simple.name() == Some(name) {
                visit(script, simple);
            }
        });
    }
}
