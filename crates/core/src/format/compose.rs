//! The compose file formatter. It moves only the blanks YAML ignores: the
//! data — every key, value, type, anchor and alias — is the input's, and the
//! formatter proves it on its own output (the result is read again and
//! compared event by event with the input; a file it cannot format without
//! a difference is left unchanged and says so).
//!
//! The style, and why:
//! - Two spaces per level, sequences indented under their key
//!   (`ports:` then `  - "80:80"`): the layout of Docker's documentation and
//!   of most compose files, and a sequence's place in the tree is visible.
//! - One space after `-` and after a key's `:`; none before the `:`.
//! - Flow collections (`command: ["npm", "start"]`) stay as written: they
//!   read like the exec form they stand for, and rewriting them as blocks
//!   would move their comments.
//! - Scalars are never rewritten: quotes stay where they are (YAML 1.1
//!   readers take `"80:80"` unquoted as a number in base 60, `yes`/`no` as
//!   booleans and `0755` as octal), block scalars (`|`, `>`) keep their text
//!   (only their indentation moves with their key), long strings are never
//!   re-wrapped.
//! - Keys keep their order; anchors, aliases and `<<` merge keys stay where
//!   they are.
//! - Comments stay on their line and in their order; a comment line takes
//!   the indentation of the line it introduces (or of the block it closes).
//! - No doubled blank line, none at the start or the end, no trailing spaces
//!   (outside block scalars, whose blanks are text), one final line break.
//!   Line breaks (LF or CRLF) are kept.

use std::collections::HashSet;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

use super::{split_lines, Refusal};
use crate::span::Span;

/// Spaces per level.
const STEP: usize = 2;

/// Formats a compose file (any YAML file), or says why it cannot.
pub fn format(text: &str) -> Result<String, Refusal> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    if let Some(at) = lone_carriage_return(body) {
        return Err(Refusal {
            message: "a carriage return without a line feed: the file is left unchanged".into(),
            span: Span::new(bom.len() + at, bom.len() + at + 1),
        });
    }
    let (body, events) = read_as_compose_does(body).map_err(|error| Refusal {
        message: format!(
            "line {}: {} (a file with a YAML error is left unchanged)",
            error.line + 1,
            error.message
        ),
        span: Span::new(bom.len() + error.at, bom.len() + error.at),
    })?;
    let body = body.as_str();
    let layout = Layout::of(body, &events);
    let out = Rewriter::new(&layout).run(body);
    match read(&out) {
        Ok(again) if same_data(&events, &again) => Ok(format!("{bom}{out}")),
        _ => Err(Refusal {
            message: "left unchanged: this file's layout is one the formatter cannot yet move \
                      without changing its data"
                .into(),
            span: Span::new(0, 0),
        }),
    }
}

fn lone_carriage_return(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
}

type Events<'a> = Vec<(Event<'a>, YamlSpan)>;

/// Closing brackets indented as go-yaml allows and the YAML spec does not
/// that are indented in the result (at most this many).
const MAX_REINDENTS: usize = 64;

struct ReadError {
    message: String,
    /// Line (0-based) and byte offset in the text that was read.
    line: usize,
    at: usize,
}

/// The text to format and its events. Docker Compose (go-yaml) accepts a
/// flow collection's closing `]`/`}` indented no deeper than the key that
/// holds it, which the YAML spec refuses: such a line gets one more level,
/// which every reader accepts and which means the same.
fn read_as_compose_does(text: &str) -> Result<(String, Events<'static>), ReadError> {
    let mut current = text.to_string();
    let mut reindented = 0;
    loop {
        let error = match read(&current) {
            Ok(events) => {
                let events = events.into_iter().map(|(e, s)| (owned(e), s)).collect();
                return Ok((current, events));
            }
            Err(error) => error,
        };
        let starts = line_starts(&current);
        let start = starts.get(error.line).copied().unwrap_or(current.len());
        let closes_flow = current[start..]
            .trim_start_matches(' ')
            .starts_with([']', '}']);
        if error.message.contains("indentation") && closes_flow && reindented < MAX_REINDENTS {
            current.insert_str(start, &" ".repeat(STEP));
            reindented += 1;
            continue;
        }
        // Blanks were only inserted at line starts: the line is the
        // original's, its start is where the error is shown.
        let at = line_starts(text)
            .get(error.line)
            .copied()
            .unwrap_or(text.len());
        return Err(ReadError { at, ..error });
    }
}

fn owned(event: Event<'_>) -> Event<'static> {
    use std::borrow::Cow;
    let tag = |t: Option<Cow<'_, saphyr_parser::Tag>>| t.map(|t| Cow::Owned(t.into_owned()));
    match event {
        Event::Scalar(value, style, anchor, t) => {
            Event::Scalar(Cow::Owned(value.into_owned()), style, anchor, tag(t))
        }
        Event::SequenceStart(anchor, t) => Event::SequenceStart(anchor, tag(t)),
        Event::MappingStart(anchor, t) => Event::MappingStart(anchor, tag(t)),
        Event::Nothing => Event::Nothing,
        Event::StreamStart => Event::StreamStart,
        Event::StreamEnd => Event::StreamEnd,
        Event::DocumentStart(explicit) => Event::DocumentStart(explicit),
        Event::DocumentEnd => Event::DocumentEnd,
        Event::Alias(id) => Event::Alias(id),
        Event::SequenceEnd => Event::SequenceEnd,
        Event::MappingEnd => Event::MappingEnd,
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in split_lines(text) {
        starts.push(offset);
        offset += line.text.len() + line.ending.len();
    }
    starts
}

/// The file's YAML events, or the first error.
fn read(text: &str) -> Result<Events<'_>, ReadError> {
    let mut parser = Parser::new_from_str(text);
    let mut events = Vec::new();
    loop {
        match parser.next_event() {
            Some(Ok((Event::StreamEnd, _))) | None => return Ok(events),
            Some(Ok(event)) => events.push(event),
            Some(Err(error)) => {
                let marker = error.marker();
                let at = text
                    .char_indices()
                    .nth(marker.index())
                    .map_or(text.len(), |(i, _)| i);
                return Err(ReadError {
                    message: error.info().to_string(),
                    line: marker.line().saturating_sub(1),
                    at,
                });
            }
        }
    }
}

/// The same tree: the same events in the same order, with the same values,
/// styles (quoting), anchors and tags — only positions may differ.
fn same_data(a: &Events<'_>, b: &Events<'_>) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|((x, _), (y, _))| x == y)
}

/// What a physical line holds, for the rewriter.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    /// Block structure, a comment or a blank line.
    Free,
    /// Text of a block scalar (`|`, `>`): its blanks are data.
    BlockText,
    /// A later line of a flow collection or of a scalar written over
    /// several lines: moved with the line it continues.
    Continued,
}

/// Facts from the YAML events, by line (0-based) and column (in chars).
struct Layout {
    roles: Vec<Role>,
    /// Where block mappings' keys start.
    keys: HashSet<(usize, usize)>,
    /// Lines that end inside a double-quoted scalar: a trailing `\` there
    /// escapes the blank after it.
    in_double_quotes: HashSet<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Collection {
    Map { expect_key: bool },
    Seq,
}

impl Layout {
    fn of(text: &str, events: &Events<'_>) -> Layout {
        let lines = split_lines(text);
        let starts = line_starts(text);
        let mut layout = Layout {
            roles: vec![Role::Free; lines.len()],
            keys: HashSet::new(),
            in_double_quotes: HashSet::new(),
        };
        let flow = flow_collections(events);
        // (collection, is flow)
        let mut stack: Vec<(Collection, bool)> = Vec::new();
        for (i, (event, span)) in events.iter().enumerate() {
            let in_flow = stack.iter().any(|&(_, flow)| flow);
            let is_node = matches!(
                event,
                Event::Scalar(..)
                    | Event::Alias(_)
                    | Event::MappingStart(..)
                    | Event::SequenceStart(..)
            );
            let mut block_key = false;
            if is_node {
                if let Some((Collection::Map { expect_key }, flow)) = stack.last_mut() {
                    block_key = *expect_key && !*flow;
                    *expect_key = !*expect_key;
                }
            }
            let (line, col) = (span.start.line().saturating_sub(1), span.start.col());
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let end = flow[i];
                    if let (Some(end), false) = (end, in_flow) {
                        layout.mark(line + 1, end.line(), Role::Continued);
                    }
                    let collection = if matches!(event, Event::MappingStart(..)) {
                        Collection::Map { expect_key: true }
                    } else {
                        Collection::Seq
                    };
                    stack.push((collection, end.is_some()));
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                Event::Scalar(_, style, ..) => {
                    if block_key {
                        layout.keys.insert((line, col));
                    }
                    if in_flow {
                        continue;
                    }
                    match style {
                        ScalarStyle::Literal | ScalarStyle::Folded => {
                            // The span ends at the next token, or at the
                            // end of a last line with no line break.
                            let end_line = span.end.line().saturating_sub(1);
                            let next_token = lines.get(end_line).is_none_or(|l| {
                                l.text.chars().take(span.end.col()).all(|c| c == ' ')
                            });
                            let last = if next_token { end_line } else { end_line + 1 };
                            // Blank lines before the first line of text are
                            // the scalar's too.
                            let mut first = line;
                            while first > 0
                                && lines
                                    .get(first - 1)
                                    .is_some_and(|l| l.text.trim_matches(' ').is_empty())
                            {
                                first -= 1;
                            }
                            layout.mark(first, last, Role::BlockText);
                        }
                        ScalarStyle::Plain => {
                            layout.mark(line + 1, span.end.line(), Role::Continued)
                        }
                        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                            let double = *style == ScalarStyle::DoubleQuoted;
                            let end = quoted_end_line(text, &starts, line, col, double);
                            layout.mark(line + 1, end + 1, Role::Continued);
                            if double {
                                layout.in_double_quotes.extend(line..end);
                            }
                        }
                    }
                }
                Event::Alias(_) if block_key => {
                    layout.keys.insert((line, col));
                }
                _ => {}
            }
        }
        layout
    }

    /// Gives `role` to lines `from..to` (0-based, `to` exclusive).
    fn mark(&mut self, from: usize, to: usize, role: Role) {
        let to = to.min(self.roles.len());
        for line in from..to {
            self.roles[line] = role;
        }
    }
}

/// For each collection start, the end marker of a flow collection (`[…]`,
/// `{…}`); `None` for a block one. Block collections end with an empty span.
fn flow_collections(events: &Events<'_>) -> Vec<Option<saphyr_parser::Marker>> {
    let mut flow = vec![None; events.len()];
    let mut starts = Vec::new();
    for (i, (event, span)) in events.iter().enumerate() {
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => starts.push(i),
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(start) = starts.pop() {
                    if span.start.index() != span.end.index() {
                        flow[start] = Some(span.end);
                    }
                }
            }
            _ => {}
        }
    }
    flow
}

/// The line (0-based) where a quoted scalar starting at `line`/`col` ends.
fn quoted_end_line(text: &str, starts: &[usize], line: usize, col: usize, double: bool) -> usize {
    let Some(&line_start) = starts.get(line) else {
        return line;
    };
    let from = text[line_start..]
        .char_indices()
        .nth(col)
        .map_or(text.len(), |(i, _)| line_start + i);
    let quote = if double { '"' } else { '\'' };
    let mut current = line;
    // The span may start at the node's anchor or tag: the text starts at
    // the first quote from there.
    let mut opened = false;
    let mut chars = text[from..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => current += 1,
            _ if !opened => opened = c == quote,
            // The escaped character is skipped; an escaped line break still
            // ends the line.
            '\\' if double => current += usize::from(chars.next() == Some('\n')),
            '\'' if !double && chars.peek() == Some(&'\'') => {
                chars.next();
            }
            _ if c == quote => return current,
            _ => {}
        }
    }
    current
}

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

struct Rewriter<'l> {
    layout: &'l Layout,
    levels: Vec<Level>,
    /// How the lines that continue the last structural line move.
    moves: Moves,
    out: Vec<OutLine>,
    blank_pending: bool,
    newline: String,
}

impl<'l> Rewriter<'l> {
    fn new(layout: &'l Layout) -> Self {
        Rewriter {
            layout,
            levels: Vec::new(),
            moves: Moves::default(),
            out: Vec::new(),
            blank_pending: false,
            newline: "\n".into(),
        }
    }

    fn run(mut self, text: &str) -> String {
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
