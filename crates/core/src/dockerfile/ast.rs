//! The line-level syntax tree: one [`Node`] per instruction, as BuildKit's
//! parser builds it, with a byte span on every piece.

use serde::Serialize;

use super::go;
use crate::span::Span;

/// A piece of text after BuildKit's processing, and where it was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Word {
    pub value: String,
    pub span: Span,
}

/// `# syntax=…`, `# escape=…` or `# check=…` at the top of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Directive {
    /// Lower-cased key.
    pub name: String,
    pub value: String,
    pub span: Span,
    pub value_span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heredoc {
    /// The delimiter after quote removal; for COPY/ADD also the file name.
    pub name: String,
    pub fd: u32,
    /// False when any part of the delimiter was quoted.
    pub expand: bool,
    /// `<<-`: leading tabs are stripped from the body.
    pub chomp: bool,
    /// The body lines verbatim, line endings included.
    pub content: String,
    /// The body and the terminator line.
    pub span: Span,
}

/// The instructions BuildKit knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
}

impl Keyword {
    pub const ALL: [Keyword; 18] = [
        Keyword::Add,
        Keyword::Arg,
        Keyword::Cmd,
        Keyword::Copy,
        Keyword::Entrypoint,
        Keyword::Env,
        Keyword::Expose,
        Keyword::From,
        Keyword::Healthcheck,
        Keyword::Label,
        Keyword::Maintainer,
        Keyword::Onbuild,
        Keyword::Run,
        Keyword::Shell,
        Keyword::Stopsignal,
        Keyword::User,
        Keyword::Volume,
        Keyword::Workdir,
    ];

    /// Case-insensitive lookup, as BuildKit dispatches.
    pub fn parse(word: &str) -> Option<Keyword> {
        Keyword::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(word))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
        }
    }

    /// Instructions whose shell-form arguments may hold heredocs.
    pub fn allows_heredocs(self) -> bool {
        matches!(self, Keyword::Run | Keyword::Copy | Keyword::Add)
    }
}

/// One instruction as the line parser sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The instruction word as written (any case).
    pub keyword: Word,
    /// `None` for words BuildKit does not know.
    pub kind: Option<Keyword>,
    /// Leading `--flag` words with quotes removed, `--` dropped.
    pub flags: Vec<Word>,
    /// Arguments after the instruction's own argument rules (see `parser`).
    pub args: Vec<Word>,
    /// ARG only: where each argument's first `=` is, if it has one.
    pub arg_equals: Vec<Option<Span>>,
    /// ONBUILD's trigger instruction.
    pub trigger: Option<Box<Node>>,
    /// Exec (JSON array) form.
    pub json: bool,
    pub heredocs: Vec<Heredoc>,
    /// The logical line: continuations joined, comment lines dropped.
    pub original: String,
    /// From the instruction word to the end of its last line (heredocs included).
    pub span: Span,
    /// 1-based physical lines, as BuildKit counts them.
    pub start_line: usize,
    pub end_line: usize,
    /// Comment lines directly above the instruction, `#` removed.
    pub comments: Vec<String>,
    /// Empty lines inside the continuation (BuildKit warns about them).
    pub empty_continuation_lines: Vec<Span>,
    /// The line parser already reported an error for this instruction.
    pub has_syntax_error: bool,
}

impl Node {
    /// BuildKit's `Node.Dump()` of this instruction, without the parentheses.
    pub fn dump(&self) -> String {
        let mut out = self.keyword.value.to_lowercase();
        if !self.flags.is_empty() {
            let flags: Vec<String> = self.flags.iter().map(|f| f.value.clone()).collect();
            out.push(' ');
            out.push_str(&go::quote_list(&flags));
        }
        if let Some(trigger) = &self.trigger {
            out.push_str(&format!(" ({})", trigger.dump()));
        }
        for arg in &self.args {
            out.push(' ');
            out.push_str(&go::quote(&arg.value));
        }
        out.trim().to_string()
    }

    /// The keyword's name in upper case, for messages.
    pub fn name(&self) -> String {
        self.keyword.value.to_uppercase()
    }
}

/// The whole file in BuildKit's AST dump format, one line per instruction.
pub fn dump(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        out.push('(');
        out.push_str(&node.dump());
        out.push_str(")\n");
    }
    out
}
