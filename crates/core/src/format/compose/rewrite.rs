//! The lines of a compose file re-indented, with the layout's facts.

use super::layout::{Layout, Role};
use super::STEP;
use crate::format::split_lines;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Map,
    Seq,
    /// A scalar or an anchored node on a line of its own.
    Other,
}

/// A block level: the column it had, the column it gets.
#[derive(Clone, Copy, Debug)]
struct Level {
    old: usize,
    new: usize,
    kind: Kind,
}

/// A line waiting for the next line of block structure, which decides a
/// comment's indentation.
enum Waiting<'a> {
    Blank,
    Comment {
        col: usize,
        text: &'a str,
        ending: &'a str,
    },
}

struct OutLine {
    text: String,
    ending: String,
    /// Text of a block scalar: never dropped.
    data: bool,
}

pub(super) struct Rewriter<'l> {
    layout: &'l Layout,
    levels: Vec<Level>,
    /// How the lines that continue the last structural line move.
    moves: Moves,
    out: Vec<OutLine>,
    blank_pending: bool,
    newline: String,
}

impl<'l> Rewriter<'l> {
    pub(super) fn new(layout: &'l Layout) -> Self {
        Rewriter {
            layout,
            levels: Vec::new(),
            moves: Moves::default(),
            out: Vec::new(),
            blank_pending: false,
            newline: "\n".into(),
        }
    }

    pub(super) fn run(mut self, text: &str) -> String {
        let lines = split_lines(text);
        if text.contains("\r\n") {
            self.newline = "\r\n".into();
        }
        let mut waiting: Vec<Waiting> = Vec::new();
        // The indentation of the block scalar being copied, and how far its
        // lines move.
        let mut text_indent = 0;
        let mut text_delta = 0;
        for (index, line) in lines.iter().enumerate() {
            let role = self.layout.roles.get(index).copied().unwrap_or(Role::Free);
            match role {
                Role::BlockText => {
                    self.flush(&mut waiting, None);
                    if index == 0 || self.layout.roles[index - 1] != Role::BlockText {
                        text_indent = lines[index..]
                            .iter()
                            .zip(&self.layout.roles[index..])
                            .take_while(|(_, role)| **role == Role::BlockText)
                            .filter(|(l, _)| !l.text.trim_start_matches(' ').is_empty())
                            .map(|(l, _)| l.text.len() - l.text.trim_start_matches(' ').len())
                            .min()
                            .unwrap_or(0);
                        // Without an indentation indicator, the text takes
                        // one level under its key; with one, it keeps its
                        // place relative to the key, as the indicator says.
                        text_delta = if self.moves.explicit_indent {
                            self.moves.block
                        } else {
                            (self.moves.base + STEP) as isize - text_indent as isize
                        };
                    }
                    let shifted = shift_block_text(line.text, text_delta, text_indent);
                    self.emit(shifted, line.ending, true);
                    continue;
                }
                Role::Continued => {
                    self.flush(&mut waiting, None);
                    let shifted = shift_to(line.text, self.moves.continued, self.moves.floor);
                    let kept = self.trim_end(index, &shifted).to_string();
                    self.emit(kept, line.ending, true);
                    continue;
                }
                Role::Free => {}
            }
            let trimmed = line.text.trim_start_matches([' ', '\t']);
            if trimmed.trim_end_matches([' ', '\t']).is_empty() {
                waiting.push(Waiting::Blank);
                continue;
            }
            let col = line.text.len() - trimmed.len();
            if trimmed.starts_with('#') {
                waiting.push(Waiting::Comment {
                    col,
                    text: trimmed.trim_end_matches([' ', '\t']),
                    ending: line.ending,
                });
                continue;
            }
            if col == 0 && is_document_line(trimmed) {
                self.flush(&mut waiting, None);
                self.levels.clear();
                self.moves = Moves::default();
                let kept = self.trim_end(index, line.text).to_string();
                self.emit(kept, line.ending, false);
                continue;
            }
            let before = self.levels.clone();
            let rewritten = self.structural(index, line.text);
            let next = self.levels.iter().rev().find(|l| l.old == col).copied();
            self.flush_with(&mut waiting, &before, next.map(|l| (l.old, l.new)));
            let kept = self.trim_end(index, &rewritten).to_string();
            self.emit(kept, line.ending, false);
        }
        let levels = self.levels.clone();
        self.flush_with(&mut waiting, &levels, None);
        self.finish()
    }

    /// Trailing blanks go, except after a `\` inside double quotes (where the
    /// blank is escaped, and data).
    fn trim_end<'s>(&self, index: usize, text: &'s str) -> &'s str {
        let trimmed = text.trim_end_matches([' ', '\t']);
        if self.layout.in_double_quotes.contains(&index) && trimmed.ends_with('\\') {
            text
        } else {
            trimmed
        }
    }

    fn flush(&mut self, waiting: &mut Vec<Waiting>, next: Option<(usize, usize)>) {
        let levels = self.levels.clone();
        self.flush_with(waiting, &levels, next);
    }

    fn flush_with(
        &mut self,
        waiting: &mut Vec<Waiting>,
        levels: &[Level],
        next: Option<(usize, usize)>,
    ) {
        for item in waiting.drain(..) {
            match item {
                Waiting::Blank => self.blank_pending = !self.out.is_empty(),
                Waiting::Comment { col, text, ending } => {
                    let indent = comment_indent(col, next, levels);
                    self.emit(format!("{}{text}", " ".repeat(indent)), ending, false);
                }
            }
        }
    }

    fn emit(&mut self, text: String, ending: &str, data: bool) {
        if self.blank_pending && !self.out.is_empty() {
            self.out.push(OutLine {
                text: String::new(),
                ending: self.newline.clone(),
                data: false,
            });
        }
        self.blank_pending = false;
        self.out.push(OutLine {
            text,
            ending: ending.into(),
            data,
        });
    }

    /// The lines joined; trailing blank lines go, and the last line gets a
    /// line break — unless it is a block scalar's text, where that break
    /// would be data.
    fn finish(mut self) -> String {
        while self
            .out
            .last()
            .is_some_and(|line| !line.data && line.text.is_empty())
        {
            self.out.pop();
        }
        let mut text = String::new();
        for line in &self.out {
            text.push_str(&line.text);
            if !line.ending.is_empty() {
                text.push_str(&line.ending);
            } else if !line.data {
                text.push_str(&self.newline);
            }
        }
        text
    }

    /// A line of block structure, re-indented, with one space after each
    /// `-` and after its key's `:`.
    fn structural(&mut self, index: usize, line: &str) -> String {
        let col = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[col..];
        let dash = is_dash(rest);
        let key = self.layout.keys.contains(&(index, col));
        while self.levels.last().is_some_and(|l| l.old > col) {
            self.levels.pop();
        }
        match self.levels.last().copied() {
            Some(top) if top.old == col => {
                if top.kind == Kind::Map && dash {
                    // A sequence written at its key's column.
                    self.levels.push(Level {
                        old: col,
                        new: top.new + STEP,
                        kind: Kind::Seq,
                    });
                } else if top.kind == Kind::Seq && !dash {
                    self.levels.pop();
                }
            }
            top => {
                let kind = if dash {
                    Kind::Seq
                } else if key {
                    Kind::Map
                } else {
                    Kind::Other
                };
                self.levels.push(Level {
                    old: col,
                    new: top.map_or(0, |t| t.new + STEP),
                    kind,
                });
            }
        }
        let level = *self.levels.last().expect("a level was pushed");
        let mut out = " ".repeat(level.new);
        let mut at = col;
        let mut new_col = level.new;
        loop {
            let rest = &line[at..];
            if is_dash(rest) {
                let spacing = &rest[1..];
                let after = spacing.trim_start_matches([' ', '\t']);
                if after.is_empty() || after.starts_with('#') {
                    out.push_str(rest);
                    break;
                }
                let nested_old = line.len() - after.len();
                let nested_new = if spacing[..spacing.len() - after.len()].contains('\t') {
                    out.push_str(&rest[..rest.len() - after.len()]);
                    new_col + (nested_old - at)
                } else {
                    out.push_str("- ");
                    new_col + STEP
                };
                let kind = if is_dash(after) {
                    Kind::Seq
                } else if self.layout.keys.contains(&(index, nested_old)) {
                    Kind::Map
                } else {
                    Kind::Other
                };
                if kind != Kind::Other {
                    self.levels.push(Level {
                        old: nested_old,
                        new: nested_new,
                        kind,
                    });
                }
                at = nested_old;
                new_col = nested_new;
                continue;
            }
            if self.layout.keys.contains(&(index, at)) {
                out.push_str(&key_and_value(rest));
            } else {
                out.push_str(rest);
            }
            break;
        }
        self.moves = Moves::after(&self.levels);
        self.moves.explicit_indent = explicit_indentation(&out);
        out
    }
}

/// How lines that continue a structural line move.
#[derive(Clone, Copy, Debug, Default)]
struct Moves {
    /// A block scalar's text moves with the collection holding it: its
    /// indentation (and an indentation indicator) counts from there.
    block: isize,
    /// A continued scalar or flow collection moves with the node it
    /// continues…
    continued: isize,
    /// …but stays deeper than the collection holding it.
    floor: usize,
    /// The new column of the collection holding the line's last node.
    base: usize,
    /// The line ends with a block scalar header with an indentation
    /// indicator (`|2`).
    explicit_indent: bool,
}

impl Moves {
    fn after(levels: &[Level]) -> Moves {
        let delta = |l: &Level| l.new as isize - l.old as isize;
        let collection = levels.iter().rev().find(|l| l.kind != Kind::Other);
        Moves {
            block: collection.map_or(0, delta),
            continued: levels.last().map_or(0, delta),
            floor: collection.map_or(0, |l| l.new + 1),
            base: collection.map_or(0, |l| l.new),
            explicit_indent: false,
        }
    }
}

/// Whether a line ends with a block scalar header that names its
/// indentation (`|2`, `>-4`).
fn explicit_indentation(line: &str) -> bool {
    let code = match line.find(" #") {
        Some(comment) => &line[..comment],
        None => line,
    };
    let header = code.trim_end().rsplit([' ', '\t']).next().unwrap_or("");
    header.starts_with(['|', '>'])
        && header.len() <= 3
        && header[1..]
            .chars()
            .all(|c| matches!(c, '+' | '-' | '1'..='9'))
        && header[1..].chars().any(|c| c.is_ascii_digit())
}

/// `-` as a block sequence's entry indicator.
fn is_dash(text: &str) -> bool {
    text.starts_with('-') && matches!(text.as_bytes().get(1), None | Some(b' ' | b'\t'))
}

/// `---`, `...` and `%` directives: they end the block structure.
fn is_document_line(text: &str) -> bool {
    text.starts_with('%')
        || ["---", "..."].iter().any(|marker| {
            text.strip_prefix(marker)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        })
}

/// `key  :   value` → `key: value`; a comment after the `:` keeps its place.
fn key_and_value(rest: &str) -> String {
    let Some(key_end) = key_end(rest) else {
        return rest.to_string();
    };
    let (key, after) = rest.split_at(key_end);
    let after_blanks = after.trim_start_matches([' ', '\t']);
    let Some(value) = after_blanks.strip_prefix(':') else {
        return rest.to_string();
    };
    let value_text = value.trim_start_matches([' ', '\t']);
    if value_text.is_empty() {
        format!("{key}:")
    } else if value_text.starts_with('#') {
        format!("{key}:{value}")
    } else {
        format!("{key}: {value_text}")
    }
}

/// Where a key written on one line ends (plain or quoted).
fn key_end(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    match chars.next()?.1 {
        '"' => {
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => return Some(i + 1),
                    _ => {}
                }
            }
            None
        }
        '\'' => {
            while let Some((i, c)) = chars.next() {
                if c == '\'' {
                    if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        return Some(i + 1);
                    }
                }
            }
            None
        }
        '&' | '!' | '*' | '?' | '[' | '{' | '|' | '>' => None,
        _ => {
            let bytes = text.as_bytes();
            let colon = (0..bytes.len()).find(|&i| {
                bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t'))
            })?;
            Some(text[..colon].trim_end_matches([' ', '\t']).len())
        }
    }
}

/// Where a comment line goes: with the line it introduces, or the block
/// it was written in.
fn comment_indent(col: usize, next: Option<(usize, usize)>, levels: &[Level]) -> usize {
    if col == 0 {
        return 0;
    }
    if let Some((old, new)) = next {
        if old == col {
            return new;
        }
    }
    if let Some(level) = levels.iter().rev().find(|l| l.old == col) {
        return level.new;
    }
    if let Some(level) = levels.iter().rev().find(|l| l.old < col) {
        return level.new + STEP.min(col - level.old);
    }
    next.map_or(0, |(_, new)| new)
}

/// A line moved by `delta` columns, to no fewer than `floor` (blank lines
/// stay blank).
fn shift_to(text: &str, delta: isize, floor: usize) -> String {
    let spaces = text.len() - text.trim_start_matches(' ').len();
    if spaces == text.len() {
        return String::new();
    }
    let wanted = ((spaces as isize + delta).max(0) as usize).max(floor);
    format!("{}{}", " ".repeat(wanted), &text[spaces..])
}

/// A block scalar's line moved by `delta` columns. A line of blanks that
/// does not reach past the text's indentation is an empty line of text, and
/// written empty; beyond it, its spaces are text, and move like the rest.
fn shift_block_text(text: &str, delta: isize, text_indent: usize) -> String {
    if text.trim_start_matches(' ').is_empty() {
        if text.len() <= text_indent {
            return String::new();
        }
        return " ".repeat((text.len() as isize + delta).max(0) as usize);
    }
    shift_to(text, delta, 0)
}
