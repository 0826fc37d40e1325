//! The Dockerfile formatter. It only moves whitespace where BuildKit and the
//! shell ignore it, and re-cases instruction keywords; it never touches a
//! heredoc's body, a line that continues a quoted string, the parser
//! directives, or the form (exec or shell) of an instruction.
//!
//! The style, and why:
//! - Instruction keywords in upper case (`run` → `RUN`), the convention of
//!   Docker's documentation, which BuildKit's `ConsistentInstructionCasing`
//!   check also asks for within a file.
//! - One space between the keyword, each leading `--flag` and the
//!   arguments: BuildKit splits them on whitespace anyway.
//! - Continuation lines indented by one step (4 spaces by default, or the
//!   `.editorconfig`'s style): the command reads as one block. A line that
//!   starts inside a quoted string is left as it is — its leading blanks are
//!   part of the string.
//! - Exec form written `["a", "b"]` when it is on one line.
//! - A long one-line RUN (over 80 characters) whose commands are joined by
//!   `&&`/`||` is written one command a line, the operator first: each
//!   command, and what it adds to the layer, reads on its own line, and a
//!   change to one shows as one line in a diff.
//! - Comments kept on their line and in their order, trimmed; comment lines
//!   inside a continuation indented like the lines around them.
//! - No doubled blank line; one blank line before each stage after the first
//!   (before the comments that introduce it); no trailing spaces; one final
//!   line break. Blank lines inside a continuation are kept (BuildKit drops
//!   them; the linter's `NoEmptyContinuation` points them out).
//!
//! A file BuildKit would refuse is not formatted: the first error says why.

use super::{split_lines, Line, Refusal};
use crate::dockerfile::{self, Keyword, Node};
use crate::span::LineIndex;

/// What counts as a blank here: the shell's (a no-break space is part of a word).
const BLANKS: [char; 2] = [' ', '\t'];

/// How continuation lines are indented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// One indentation step: spaces, or a tab.
    pub indent: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            indent: "    ".into(),
        }
    }
}

/// Formats a Dockerfile, or says why it cannot.
pub fn format(text: &str, options: &Options) -> Result<String, Refusal> {
    let parsed = dockerfile::parse(text);
    if let Some(error) = parsed.errors.first() {
        let at = LineIndex::new(text).line_col(error.span.start);
        return Err(Refusal {
            message: format!(
                "line {}: {} (a file BuildKit would refuse is left unchanged)",
                at.line, error.message
            ),
            span: error.span,
        });
    }
    let lines = split_lines(text);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = Writer {
        out: String::new(),
        newline,
        blank_pending: false,
        started: false,
        last_blank: false,
    };
    let index = LineIndex::new(text);
    let mut next_line = 0usize; // 0-based index of the next line to write
    let mut in_header = true;
    for (i, node) in parsed.nodes.iter().enumerate() {
        let first = node.start_line.saturating_sub(1);
        let last = node
            .end_line
            .saturating_sub(1)
            .min(lines.len().saturating_sub(1));
        // The lines between instructions: comments and blank lines.
        let gap = &lines[next_line.min(first)..first.max(next_line)];
        let new_stage = i > 0 && node.kind == Some(dockerfile::Keyword::From);
        out.gap(gap, in_header, new_stage);
        in_header = false;
        let heredoc_lines: Vec<(usize, usize)> = node
            .heredocs
            .iter()
            .map(|h| {
                let start = index.line_col(h.span.start).line.saturating_sub(1);
                let end = index
                    .line_col(h.span.end.saturating_sub(1).max(h.span.start))
                    .line
                    .saturating_sub(1);
                (start, end)
            })
            .collect();
        out.node(
            node,
            &lines[first..=last.max(first)],
            first,
            &heredoc_lines,
            parsed.escape,
            options,
        );
        next_line = last + 1;
    }
    let rest = &lines[next_line.min(lines.len())..];
    out.gap(rest, in_header, false);
    Ok(out.finish())
}

struct Writer {
    out: String,
    newline: &'static str,
    /// A blank line is owed before the next written line.
    blank_pending: bool,
    /// Something (even a blank line) was written.
    started: bool,
    /// The last line written was blank.
    last_blank: bool,
}

impl Writer {
    fn line(&mut self, text: &str) {
        self.owed_blank();
        self.out.push_str(text);
        self.out.push_str(self.newline);
        self.last_blank = text.is_empty();
    }

    /// The blank line owed before the next line, if any and not just written.
    fn owed_blank(&mut self) {
        if self.blank_pending && self.started && !self.last_blank {
            self.out.push_str(self.newline);
        }
        self.blank_pending = false;
        self.started = true;
    }

    /// Lines outside instructions. In the header (before the first
    /// instruction) live the parser directives: the comment lines before the
    /// first blank line are kept as written, and a blank line at the very
    /// start stays (it turns directives off).
    fn gap(&mut self, lines: &[Line], header: bool, new_stage: bool) {
        if new_stage {
            self.blank_pending = true;
        }
        let mut directives = header;
        for line in lines {
            let trimmed = line.text.trim_matches(BLANKS);
            if trimmed.is_empty() {
                if header && !self.started {
                    self.out.push_str(self.newline);
                    self.started = true;
                    self.last_blank = true;
                } else {
                    self.blank_pending = true;
                }
                directives = false;
            } else if directives {
                self.line(line.text.trim_end_matches(BLANKS));
            } else {
                self.line(trimmed);
            }
        }
    }

    fn node(
        &mut self,
        node: &Node,
        lines: &[Line],
        first_index: usize,
        heredocs: &[(usize, usize)],
        escape: char,
        options: &Options,
    ) {
        let mut quote = Quote::None;
        // Whether blanks at the start of a continuation line are free: in
        // commands and lists of words, yes; in `ENV key value` or a LABEL
        // they may be part of a value.
        let kind = node.trigger.as_deref().map_or(node.kind, |t| t.kind);
        let reindent = matches!(
            kind,
            Some(
                Keyword::Run
                    | Keyword::Cmd
                    | Keyword::Entrypoint
                    | Keyword::Healthcheck
                    | Keyword::Copy
                    | Keyword::Add
                    | Keyword::From
                    | Keyword::Expose
                    | Keyword::Volume
                    | Keyword::Shell
            )
        );
        // Whether the line before ended with a blank before its escape (a
        // continuation that splits no word).
        let mut split_at_blank = true;
        for (offset, line) in lines.iter().enumerate() {
            let number = first_index + offset;
            if heredocs.iter().any(|&(s, e)| number >= s && number <= e) {
                // A heredoc's body and terminator: never touched.
                self.line_verbatim(line);
                continue;
            }
            let before_escape = |text: &str| {
                let text = text.trim_end_matches(BLANKS);
                text.strip_suffix(escape)
                    .is_none_or(|rest| rest.ends_with([' ', '\t']))
            };
            if offset == 0 {
                let formatted = first_line(node, line.text, escape);
                if lines.len() == 1 {
                    if let Some(chain) = split_chain(node, &formatted, escape, &options.indent) {
                        for piece in chain {
                            self.line(&piece);
                        }
                        continue;
                    }
                }
                quote = scan(&formatted, escape, Quote::None);
                split_at_blank = before_escape(&formatted);
                self.line(formatted.trim_end_matches(BLANKS));
                continue;
            }
            let trimmed = line.text.trim_matches(BLANKS);
            let free = reindent && (split_at_blank || line.text.starts_with([' ', '\t']));
            if trimmed.starts_with('#') {
                // BuildKit drops comment lines inside a continuation, even
                // inside a quoted string: where they stand is free.
                self.line(&format!("{}{}", options.indent, trimmed));
                continue;
            }
            if trimmed.is_empty() {
                self.line("");
                continue;
            }
            if quote != Quote::None || !free {
                // Inside a quoted string, a value, or a word split by the
                // continuation: the blanks are part of it.
                self.line(line.text.trim_end_matches(BLANKS));
                quote = scan(line.text, escape, quote);
                split_at_blank = before_escape(line.text);
                continue;
            }
            quote = scan(trimmed, escape, Quote::None);
            split_at_blank = before_escape(trimmed);
            self.line(&format!("{}{}", options.indent, trimmed));
        }
    }

    fn line_verbatim(&mut self, line: &Line) {
        self.owed_blank();
        self.last_blank = false;
        self.out.push_str(line.text);
        self.out.push_str(if line.ending.is_empty() {
            self.newline
        } else {
            line.ending
        });
    }

    fn finish(mut self) -> String {
        while self.out.ends_with(&format!("{0}{0}", self.newline)) {
            self.out.truncate(self.out.len() - self.newline.len());
        }
        if self.out.trim_matches([' ', '\t', '\r', '\n']).is_empty() {
            return String::new();
        }
        self.out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// The quoting state at the end of `text`, starting in `state`: whether the
/// next line begins inside a string.
fn scan(text: &str, escape: char, mut state: Quote) -> Quote {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match state {
            Quote::None => match c {
                '\'' => state = Quote::Single,
                '"' => state = Quote::Double,
                c if c == escape || c == '\\' => {
                    chars.next();
                }
                _ => {}
            },
            Quote::Single => {
                if c == '\'' {
                    state = Quote::None;
                }
            }
            Quote::Double => match c {
                '"' => state = Quote::None,
                c if c == escape || c == '\\' => {
                    chars.next();
                }
                _ => {}
            },
        }
    }
    state
}

/// The instruction's first line: keyword upper-cased, one space between the
/// keyword, the flags and the rest; exec form written `["a", "b"]` when
/// the instruction is on one line.
fn first_line(node: &Node, text: &str, escape: char) -> String {
    let trimmed = text.trim_matches(BLANKS);
    let (keyword, rest) = split_word(trimmed);
    let mut head = keyword.to_ascii_uppercase();
    let mut rest = rest;
    let mut target = node;
    if let Some(trigger) = node.trigger.as_deref() {
        let (word, after) = split_word(rest);
        head.push(' ');
        head.push_str(&word.to_ascii_uppercase());
        rest = after;
        target = trigger;
    }
    // Leading flags, when none holds a quote or a continuation.
    loop {
        let (word, after) = split_word(rest);
        if !word.starts_with("--") || word.contains(['"', '\'']) || word.ends_with(escape) {
            break;
        }
        head.push(' ');
        head.push_str(word);
        rest = after;
    }
    let single_line = node.start_line == node.end_line;
    // `FROM image AS name`: AS is a keyword too (BuildKit's FromAsCasing
    // wants it cased like FROM).
    if single_line && target.kind == Some(Keyword::From) {
        let words: Vec<&str> = rest.split(BLANKS).filter(|w| !w.is_empty()).collect();
        if let [image, as_word, name] = words.as_slice() {
            if as_word.eq_ignore_ascii_case("as") && !rest.contains(['"', '\'', '#']) {
                return format!("{head} {image} AS {name}");
            }
        }
    }
    let rest = if single_line
        && target.json
        && target.heredocs.is_empty()
        && rest.starts_with('[')
        && rest.ends_with(']')
    {
        exec_form(target).unwrap_or_else(|| rest.to_string())
    } else {
        rest.to_string()
    };
    if rest.is_empty() {
        head
    } else {
        format!("{head} {rest}")
    }
}

/// Longer than this, a one-line RUN with `&&`/`||` between its commands is
/// written one command a line.
const LONG_RUN: usize = 80;

/// A long one-line shell-form RUN whose commands are joined by `&&`/`||`,
/// one command a line, each operator leading its line:
///
/// ```dockerfile
/// RUN apt-get update \
///     && apt-get install -y --no-install-recommends curl \
///     && rm -rf /var/lib/apt/lists/*
/// ```
///
/// Only blanks between the shell's tokens change. A RUN holding a comment,
/// a heredoc, several lists (`a; b && c`) or text the shell cannot read is
/// left on its line.
fn split_chain(node: &Node, line: &str, escape: char, indent: &str) -> Option<Vec<String>> {
    if line.chars().count() <= LONG_RUN
        || node.kind != Some(Keyword::Run)
        || node.json
        || !node.heredocs.is_empty()
        || node.trigger.is_some()
    {
        return None;
    }
    let command = node.args.first()?.value.as_str();
    if command.contains('#') || command.contains('\n') {
        return None;
    }
    // The command is the line's tail, as written.
    let start = line.len().checked_sub(command.len())?;
    if &line[start..] != command {
        return None;
    }
    let parsed = crate::shell::parse(command);
    // One chain: a list of several (`a; b && c`) is left as written.
    if parsed.stopped() || parsed.list.items.len() != 1 {
        return None;
    }
    let mut cuts = Vec::new();
    for item in &parsed.list.items {
        let mut previous_end = item.first.span.end;
        for (_, pipeline) in &item.rest {
            let between = command.get(previous_end..pipeline.span.start)?;
            let operator = between.find("&&").or_else(|| between.find("||"))?;
            cuts.push(previous_end + operator);
            previous_end = pipeline.span.end;
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for cut in cuts {
        let piece = command[from..cut].trim_matches(BLANKS);
        pieces.push(piece);
        from = cut;
    }
    pieces.push(command[from..].trim_matches(BLANKS));
    let head = line[..start].trim_end_matches(BLANKS);
    let last = pieces.len() - 1;
    Some(
        pieces
            .iter()
            .enumerate()
            .map(|(i, piece)| {
                let continued = if i < last {
                    format!(" {escape}")
                } else {
                    String::new()
                };
                if i == 0 {
                    format!("{head} {piece}{continued}")
                } else {
                    format!("{indent}{piece}{continued}")
                }
            })
            .collect(),
    )
}

/// The first word of `text` and what follows it, blanks trimmed.
fn split_word(text: &str) -> (&str, &str) {
    let end = text.find(BLANKS).unwrap_or(text.len());
    (&text[..end], text[end..].trim_start_matches(BLANKS))
}

/// `["a", "b"]` from the instruction's arguments.
fn exec_form(node: &Node) -> Option<String> {
    if node.args.is_empty() {
        return None;
    }
    let items: Vec<String> = node.args.iter().map(|a| json_string(&a.value)).collect();
    Some(format!("[{}]", items.join(", ")))
}

fn json_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
