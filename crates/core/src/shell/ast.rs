//! The shell script as the checks see it: commands made of words, words made
//! of parts (literals, quotes, expansions), every node with its span in the
//! script's text.

use crate::span::Span;

/// Commands run one after the other (`;`, `&`, line breaks).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct List {
    pub items: Vec<AndOr>,
}

/// `a && b || c`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(Connective, Pipeline)>,
    /// Ended by `&`: runs in the background.
    pub background: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connective {
    And,
    Or,
}

/// `! a | b`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    /// The `!` that negates the pipeline's status.
    pub bang: Option<Span>,
    pub commands: Vec<Command>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Simple(Simple),
    /// `( … )`.
    Subshell {
        body: List,
        span: Span,
    },
    /// `{ …; }`.
    Group {
        body: List,
        span: Span,
    },
    /// `if c; then …; elif c; then …; else …; fi`.
    If {
        branches: Vec<(List, List)>,
        otherwise: Option<List>,
        span: Span,
    },
    /// `for name in words; do …; done` (`words` absent: the positional parameters).
    For {
        name: String,
        name_span: Span,
        words: Option<Vec<Word>>,
        body: List,
        span: Span,
    },
    /// `while`/`until c; do …; done`.
    Loop {
        until: bool,
        condition: List,
        body: List,
        span: Span,
    },
    /// `case word in pattern) …;; esac`.
    Case {
        word: Word,
        arms: Vec<(Vec<Word>, List)>,
        span: Span,
    },
    /// `name() body`, `function name { … }`.
    Function {
        name: String,
        body: Box<Command>,
        span: Span,
    },
    /// `[[ … ]]`: its words are not split or globbed.
    Test {
        words: Vec<Word>,
        span: Span,
    },
    /// `(( … ))`.
    Arithmetic {
        span: Span,
    },
}

impl Command {
    pub fn span(&self) -> Span {
        match self {
            Command::Simple(simple) => simple.span,
            Command::Subshell { span, .. }
            | Command::Group { span, .. }
            | Command::If { span, .. }
            | Command::For { span, .. }
            | Command::Loop { span, .. }
            | Command::Case { span, .. }
            | Command::Function { span, .. }
            | Command::Test { span, .. }
            | Command::Arithmetic { span } => *span,
        }
    }
}

/// A simple command: assignments, words and redirections.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Simple {
    pub assignments: Vec<Assignment>,
    /// The command name and its arguments.
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
    pub span: Span,
}

impl Simple {
    /// The command name when it is a plain word (no quote, no escape, no
    /// expansion), as written.
    pub fn name(&self) -> Option<&str> {
        match self.words.first()?.parts.as_slice() {
            [Part::Literal { text, .. }] => Some(text),
            _ => None,
        }
    }
}

/// `NAME=value`, `NAME+=value`, `NAME=(a b)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub name: String,
    pub name_span: Span,
    /// `None` for an array `(…)`.
    pub value: Option<Word>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    /// `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `>&`, `&>`, …
    pub op: String,
    /// The target word; for a here-document, its delimiter.
    pub target: Option<Word>,
    pub span: Span,
}

/// One shell word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub parts: Vec<Part>,
    pub span: Span,
}

impl Word {
    /// The word's text when it holds no quote and no expansion.
    pub fn literal(&self) -> Option<String> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal { text, .. } => out.push_str(text),
                Part::Escaped { ch, .. } => out.push(*ch),
                _ => return None,
            }
        }
        Some(out)
    }

    /// The word's value when no expansion is in it (quotes removed).
    pub fn unquoted(&self) -> Option<String> {
        fn collect(parts: &[Part], out: &mut String) -> bool {
            for part in parts {
                match part {
                    Part::Literal { text, .. }
                    | Part::SingleQuoted { text, .. }
                    | Part::DollarSingleQuoted { text, .. } => out.push_str(text),
                    Part::Escaped { ch, .. } => out.push(*ch),
                    Part::DoubleQuoted { parts, .. } => {
                        if !collect(parts, out) {
                            return false;
                        }
                    }
                    _ => return false,
                }
            }
            true
        }
        let mut out = String::new();
        collect(&self.parts, &mut out).then_some(out)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// Unquoted text (glob characters included).
    Literal { text: String, span: Span },
    /// `\c` outside quotes.
    Escaped { ch: char, span: Span },
    /// `'…'`.
    SingleQuoted { text: String, span: Span },
    /// `$'…'`.
    DollarSingleQuoted { text: String, span: Span },
    /// `"…"`; inside, literal text is `Literal` and `\c` is `Escaped`.
    DoubleQuoted { parts: Vec<Part>, span: Span },
    /// `$name`, `${name…}`.
    Parameter(Parameter),
    /// `$(…)` or `` `…` ``.
    CommandSubstitution {
        body: List,
        backquoted: bool,
        span: Span,
    },
    /// `$((…))`.
    Arithmetic { span: Span },
    /// `<(…)`, `>(…)`.
    ProcessSubstitution { body: List, span: Span },
}

impl Part {
    pub fn span(&self) -> Span {
        match self {
            Part::Literal { span, .. }
            | Part::Escaped { span, .. }
            | Part::SingleQuoted { span, .. }
            | Part::DollarSingleQuoted { span, .. }
            | Part::DoubleQuoted { span, .. }
            | Part::CommandSubstitution { span, .. }
            | Part::Arithmetic { span }
            | Part::ProcessSubstitution { span, .. } => *span,
            Part::Parameter(parameter) => parameter.span,
        }
    }
}

/// A parameter expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parameter {
    /// `HOME`, `1`, `@`, `#`, …
    pub name: String,
    /// Written `${…}`.
    pub braced: bool,
    /// `${#name}`: its length.
    pub length: bool,
    /// What follows the name inside the braces (`:-default`, `[@]`, `//a/b`).
    pub modifier: String,
    /// The words inside the modifier (`${a:-$b}`): expansions that run too.
    pub nested: Vec<Part>,
    pub span: Span,
}

/// What the reader could not read, with ShellCheck's code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub code: u32,
    pub message: String,
    pub span: Span,
    /// The reader stopped here: the rest of the script is not read, and no
    /// other check runs on it (as ShellCheck does).
    pub fatal: bool,
}
