//! BuildKit's line parser: physical lines → directives and instruction nodes.
//!
//! Follows `frontend/dockerfile/parser` of BuildKit step by step (directives,
//! comments, continuations, flag words, per-instruction argument rules,
//! heredocs) but never stops: an error is recorded with its span and parsing
//! goes on with the next instruction.

use super::ast::{Directive, Heredoc, Keyword, Node, Word};
use super::go;
use super::json::{self, JsonArrayError};
use super::shell::{self, LexOptions};
use crate::diagnostic::Diagnostic;
use crate::span::Span;

/// BuildKit's scanner refuses longer physical lines.
pub const MAX_LINE_BYTES: usize = 65_535;

/// ONBUILD triggers nest at most this deep; BuildKit rejects any nesting
/// later, this only keeps hostile input from recursing without bound.
const MAX_TRIGGER_DEPTH: usize = 16;

/// Diagnostic code of errors that make BuildKit refuse the file.
pub const SYNTAX_ERROR: &str = "syntax-error";

#[derive(Debug, Default)]
pub struct Syntax {
    pub directives: Vec<Directive>,
    /// `\` or `` ` ``.
    pub escape: char,
    pub nodes: Vec<Node>,
    pub errors: Vec<Diagnostic>,
}

pub fn parse(text: &str) -> Syntax {
    let mut parser = Parser {
        text,
        lines: physical_lines(text),
        escape: '\\',
        directives_done: false,
        syntax: Syntax {
            escape: '\\',
            ..Syntax::default()
        },
    };
    parser.run();
    parser.syntax.escape = parser.escape;
    parser.syntax
}

/// One physical line: `start..content_end` is the text without trailing
/// `\r`/`\n` characters, `start..end` includes them.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

fn physical_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while start < text.len() {
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        let content = text[start..end].trim_end_matches(['\r', '\n']);
        lines.push(Line {
            start,
            content_end: start + content.len(),
            end,
        });
        start = end;
    }
    lines
}

struct Parser<'a> {
    text: &'a str,
    lines: Vec<Line>,
    escape: char,
    directives_done: bool,
    syntax: Syntax,
}

/// A logical line: continuation pieces glued together, with the source
/// offset of each piece so positions can be mapped back.
struct Logical {
    text: String,
    /// (offset in `text`, offset in the source) where each piece starts.
    pieces: Vec<(usize, usize)>,
}

impl Logical {
    fn push(&mut self, piece: &str, source_offset: usize) {
        self.pieces.push((self.text.len(), source_offset));
        self.text.push_str(piece);
    }

    fn map(&self, offset: usize, is_end: bool) -> usize {
        // An end offset at a piece boundary belongs to the earlier piece.
        let index = self
            .pieces
            .partition_point(|&(logical, _)| {
                if is_end {
                    logical < offset
                } else {
                    logical <= offset
                }
            })
            .max(1)
            - 1;
        let (logical, source) = self.pieces[index];
        source + offset.saturating_sub(logical)
    }

    fn map_span(&self, span: Span) -> Span {
        if span.is_empty() {
            let at = self.map(span.start, false);
            return Span::empty(at);
        }
        Span::new(self.map(span.start, false), self.map(span.end, true))
    }
}

impl<'a> Parser<'a> {
    fn line_text(&self, line: Line) -> &'a str {
        &self.text[line.start..line.content_end]
    }

    fn error(&mut self, span: Span, message: impl Into<String>) {
        let span = span.clamp_to(self.text);
        self.syntax
            .errors
            .push(Diagnostic::error(SYNTAX_ERROR, span, message));
    }

    fn too_long(&mut self, line: Line) -> bool {
        if line.content_end - line.start <= MAX_LINE_BYTES {
            return false;
        }
        self.error(
            Span::new(line.start, line.content_end),
            format!("dockerfile line greater than max allowed size of {MAX_LINE_BYTES}"),
        );
        true
    }

    fn run(&mut self) {
        let mut comments: Vec<String> = Vec::new();
        let mut index = 0;
        while index < self.lines.len() {
            let line = self.lines[index];
            index += 1;
            if self.too_long(line) {
                continue;
            }
            let raw = self.line_text(line);
            let trimmed = raw.trim_start();
            let trimmed_offset = line.content_end - trimmed.len();
            if trimmed.starts_with('#') {
                // BuildKit drops the first byte of the untrimmed line here.
                let mut after_first = raw.chars();
                after_first.next();
                let comment = after_first.as_str().trim();
                if comment.is_empty() {
                    comments.clear();
                } else {
                    comments.push(comment.to_string());
                }
            }
            self.possible_directive(trimmed, trimmed_offset);
            if trimmed.starts_with('#') {
                continue;
            }
            let start_line = index;
            let mut logical = Logical {
                text: String::new(),
                pieces: Vec::new(),
            };
            let (piece, mut end_of_line) = self.trim_continuation(trimmed);
            if end_of_line && piece.is_empty() {
                continue;
            }
            logical.push(piece, trimmed_offset);
            let mut last_content_end = line.content_end;
            let mut empty_continuation_lines = Vec::new();
            while !end_of_line && index < self.lines.len() {
                let line = self.lines[index];
                index += 1;
                if self.too_long(line) {
                    continue;
                }
                let raw = self.line_text(line);
                self.possible_directive(raw, line.start);
                if raw.trim_start().starts_with('#') {
                    continue;
                }
                if raw.trim_start().is_empty() {
                    // An empty line is marked by its line break, so editors can show it.
                    let end = if line.content_end > line.start {
                        line.content_end
                    } else {
                        line.end
                    };
                    empty_continuation_lines.push(Span::new(line.start, end));
                    continue;
                }
                let (piece, eol) = self.trim_continuation(raw);
                end_of_line = eol;
                logical.push(piece, line.start);
                last_content_end = line.content_end;
            }
            let mut node = self.node_from_logical(&logical, 0);
            node.start_line = start_line;
            node.comments = std::mem::take(&mut comments);
            node.empty_continuation_lines = empty_continuation_lines;
            if node.kind.is_some_and(|k| k != Keyword::Onbuild) || node.trigger.is_some() {
                index = self.read_heredocs(&mut node, &logical, index, &mut last_content_end);
            }
            node.end_line = index;
            node.span = Span::new(
                node.keyword.span.start,
                last_content_end.max(node.keyword.span.start),
            );
            self.syntax.nodes.push(node);
        }
        if self.syntax.nodes.is_empty() {
            self.error(Span::empty(self.text.len()), "file with no instructions");
        }
    }

    /// BuildKit's `possibleParserDirective`: only lines before anything else.
    fn possible_directive(&mut self, line: &str, offset: usize) {
        if self.directives_done {
            return;
        }
        let Some((name, value, value_offset)) = match_directive(line) else {
            self.directives_done = true;
            return;
        };
        let name = name.to_ascii_lowercase();
        if !matches!(name.as_str(), "escape" | "syntax" | "check") {
            self.directives_done = true;
            return;
        }
        let span = Span::new(offset, offset + line.len());
        let value_span = Span::new(offset + value_offset, offset + value_offset + value.len());
        if self.syntax.directives.iter().any(|d| d.name == name) {
            self.error(
                span,
                format!("only one {name} parser directive can be used"),
            );
            return;
        }
        if name == "escape" {
            match value {
                "\\" => self.escape = '\\',
                "`" => self.escape = '`',
                _ => self.error(
                    value_span,
                    format!("invalid escape token '{value}' does not match ` or \\"),
                ),
            }
        }
        self.syntax.directives.push(Directive {
            name,
            value: value.to_string(),
            span,
            value_span,
        });
    }

    /// BuildKit's continuation regex `([^X])X[ \t]*$|^X[ \t]*$` for escape X:
    /// returns the line without the marker, and whether the line ends here.
    fn trim_continuation<'s>(&self, line: &'s str) -> (&'s str, bool) {
        let without_blanks = line.trim_end_matches([' ', '\t']);
        let Some(before) = without_blanks.strip_suffix(self.escape) else {
            return (line, true);
        };
        if before.is_empty() || !before.ends_with(self.escape) {
            (before, false)
        } else {
            (line, true)
        }
    }

    fn node_from_logical(&mut self, logical: &Logical, depth: usize) -> Node {
        let mut errors = Vec::new();
        let mut node = node_from_line(
            &logical.text,
            &logical.text,
            self.escape,
            depth,
            &mut errors,
        );
        map_node_spans(&mut node, logical, self.text);
        for (span, message) in errors {
            let span = logical.map_span(span);
            self.error(span, message);
            node.has_syntax_error = true;
        }
        node
    }

    /// Reads the bodies of the heredocs the instruction opens; returns the
    /// index of the first line after them.
    fn read_heredocs(
        &mut self,
        node: &mut Node,
        logical: &Logical,
        mut index: usize,
        last_end: &mut usize,
    ) -> usize {
        let target = node.trigger.as_deref().unwrap_or(node);
        if target.json || !target.kind.is_some_and(Keyword::allows_heredocs) {
            return index;
        }
        let markers = match heredoc_markers(&logical.text) {
            Ok(markers) => markers,
            Err(message) => {
                let span = node.keyword.span.cover(Span::empty(*last_end));
                self.error(span, message);
                node.has_syntax_error = true;
                return index;
            }
        };
        for mut heredoc in markers {
            let body_start = self.lines.get(index).map_or(self.text.len(), |l| l.start);
            let mut terminated = false;
            while index < self.lines.len() {
                let line = self.lines[index];
                index += 1;
                let content = self.line_text(line);
                let candidate = if heredoc.chomp {
                    content.trim_start_matches('\t')
                } else {
                    content
                };
                *last_end = line.content_end;
                if candidate == heredoc.name {
                    terminated = true;
                    break;
                }
                heredoc.content.push_str(&self.text[line.start..line.end]);
            }
            heredoc.span = Span::new(body_start, (*last_end).max(body_start));
            node.heredocs.push(heredoc);
            if !terminated {
                let span = Span::new(node.keyword.span.start, *last_end);
                let name = &node
                    .heredocs
                    .last()
                    .map(|h| h.name.clone())
                    .unwrap_or_default();
                self.error(
                    span,
                    format!("unterminated heredoc: no line \"{name}\" ends it"),
                );
                node.has_syntax_error = true;
                break;
            }
        }
        index
    }
}

/// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` with Go's `\s` = `[\t\n\f\r ]`.
/// Returns the key, the value and the value's offset in `line`.
fn match_directive(line: &str) -> Option<(&str, &str, usize)> {
    let is_ws = |c: char| matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' ');
    let rest = line.strip_prefix('#')?.trim_start_matches(is_ws);
    let name_len = rest
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())))
        .map_or(rest.len(), |(i, _)| i);
    if name_len == 0 {
        return None;
    }
    let (name, rest) = rest.split_at(name_len);
    let rest = rest.trim_start_matches(is_ws).strip_prefix('=')?;
    let value_part = rest.trim_start_matches(is_ws);
    let value = value_part.trim_end_matches(is_ws);
    if !value.is_empty() {
        return Some((name, value, line.len() - value_part.len()));
    }
    // `.+?` needs one char: the regex takes it back from the white space.
    let last = rest.chars().last()?;
    let offset = line.len() - last.len_utf8();
    Some((name, &line[offset..], offset))
}

fn offset_in(base: &str, part: &str) -> usize {
    part.as_ptr() as usize - base.as_ptr() as usize
}

fn slice_span(base: &str, part: &str) -> Span {
    let start = offset_in(base, part);
    Span::new(start, start + part.len())
}

fn word(base: &str, part: &str) -> Word {
    Word {
        value: part.to_string(),
        span: slice_span(base, part),
    }
}

type Errors = Vec<(Span, String)>;

/// BuildKit's `newNodeFromLine`, with spans relative to `base`.
fn node_from_line(base: &str, line: &str, escape: char, depth: usize, errors: &mut Errors) -> Node {
    let trimmed = line.trim();
    let keyword_len = trimmed.find(go::is_split_space).unwrap_or(trimmed.len());
    let keyword = &trimmed[..keyword_len];
    let after_keyword = trimmed[keyword_len..].trim_start_matches(go::is_split_space);
    let (flags, rest) = extract_flags(base, after_keyword);
    let rest = rest.trim();
    let kind = Keyword::parse(keyword);
    let mut node = Node {
        keyword: word(base, keyword),
        kind,
        flags,
        args: Vec::new(),
        arg_equals: Vec::new(),
        trigger: None,
        json: false,
        heredocs: Vec::new(),
        original: line.to_string(),
        span: slice_span(base, trimmed),
        start_line: 0,
        end_line: 0,
        comments: Vec::new(),
        empty_continuation_lines: Vec::new(),
        has_syntax_error: false,
    };
    let name = keyword.to_uppercase();
    let result = match kind {
        None => {
            // BuildKit keeps unknown instructions with one empty argument node.
            node.args.push(Word {
                value: String::new(),
                span: Span::empty(offset_in(base, rest)),
            });
            Ok(())
        }
        Some(Keyword::Onbuild) => {
            if !rest.is_empty() {
                if depth >= MAX_TRIGGER_DEPTH {
                    Err((
                        slice_span(base, rest),
                        "ONBUILD triggers are nested too deeply".to_string(),
                    ))
                } else {
                    node.trigger = Some(Box::new(node_from_line(
                        base,
                        rest,
                        escape,
                        depth + 1,
                        errors,
                    )));
                    Ok(())
                }
            } else {
                Ok(())
            }
        }
        Some(Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell) => {
            maybe_json(base, rest, &mut node, false)
        }
        Some(Keyword::Copy | Keyword::Add | Keyword::Volume) => {
            maybe_json(base, rest, &mut node, true)
        }
        Some(Keyword::From | Keyword::Expose) => {
            node.args = split_whitespace(base, rest);
            Ok(())
        }
        Some(Keyword::User | Keyword::Workdir | Keyword::Maintainer | Keyword::Stopsignal) => {
            if !rest.is_empty() {
                node.args.push(word(base, rest));
            }
            Ok(())
        }
        Some(Keyword::Env | Keyword::Label) => name_values(base, rest, &name, escape, &mut node),
        Some(Keyword::Arg) => {
            node.args = shell_words(base, rest, escape);
            // Words are verbatim slices of the logical line, so value offsets
            // are logical offsets; they are mapped to the source with the rest.
            node.arg_equals = node
                .args
                .iter()
                .map(|w| {
                    w.value
                        .find('=')
                        .map(|i| Span::new(w.span.start + i, w.span.start + i + 1))
                })
                .collect();
            Ok(())
        }
        Some(Keyword::Healthcheck) => health_config(base, rest, &mut node),
    };
    if let Err(error) = result {
        errors.push(error);
    }
    node
}

/// Leading `--flag` words: quotes removed, `\` escapes the next byte, a bare
/// `--` ends them. Works on bytes as BuildKit does (each byte becomes one char).
fn extract_flags<'a>(base: &str, line: &'a str) -> (Vec<Word>, &'a str) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(u8),
    }
    let bytes = line.as_bytes();
    let mut flags = Vec::new();
    let mut phase = Phase::Spaces;
    let mut current = String::new();
    let mut word_start = 0;
    let mut blank_ok = false;
    let mut pos = 0;
    let line_offset = offset_in(base, line);
    let finish = |current: &mut String, start: usize, end: usize, flags: &mut Vec<Word>| {
        let value = std::mem::take(current);
        flags.push(Word {
            value,
            span: Span::new(line_offset + start, line_offset + end),
        });
    };
    loop {
        let at_end = pos >= bytes.len();
        if phase == Phase::Spaces {
            if at_end {
                return (flags, &line[line.len()..]);
            }
            let b = bytes[pos];
            if go::is_space_byte(b) {
                pos += 1;
                continue;
            }
            if b != b'-' || bytes.get(pos + 1) != Some(&b'-') {
                let mut start = pos;
                while !line.is_char_boundary(start) {
                    start += 1;
                }
                return (flags, &line[start..]);
            }
            phase = Phase::Word;
            word_start = pos;
        }
        if at_end {
            if current != "--" && (blank_ok || !current.is_empty()) {
                finish(&mut current, word_start, pos, &mut flags);
            }
            return (flags, &line[line.len()..]);
        }
        let b = bytes[pos];
        match phase {
            Phase::Word => {
                if go::is_space_byte(b) {
                    phase = Phase::Spaces;
                    if current == "--" {
                        let mut start = pos;
                        while !line.is_char_boundary(start) {
                            start += 1;
                        }
                        return (flags, &line[start..]);
                    }
                    if blank_ok || !current.is_empty() {
                        finish(&mut current, word_start, pos, &mut flags);
                    }
                    current.clear();
                    blank_ok = false;
                    pos += 1;
                    continue;
                }
                if b == b'\'' || b == b'"' {
                    phase = Phase::Quote(b);
                    blank_ok = true;
                    pos += 1;
                    continue;
                }
                if b == b'\\' {
                    if pos + 1 == bytes.len() {
                        pos += 1;
                        continue;
                    }
                    pos += 1;
                }
                current.push(bytes[pos] as char);
                pos += 1;
            }
            Phase::Quote(quote) => {
                if b == quote {
                    phase = Phase::Word;
                    pos += 1;
                    continue;
                }
                if b == b'\\' {
                    if pos + 1 == bytes.len() {
                        phase = Phase::Word;
                        pos += 1;
                        continue;
                    }
                    pos += 1;
                }
                current.push(bytes[pos] as char);
                pos += 1;
            }
            Phase::Spaces => unreachable!("handled above"),
        }
    }
}

fn maybe_json(
    base: &str,
    rest: &str,
    node: &mut Node,
    to_list: bool,
) -> Result<(), (Span, String)> {
    if rest.is_empty() {
        return Ok(());
    }
    let offset = offset_in(base, rest);
    match json::parse_string_array(rest) {
        Ok(strings) => {
            node.json = true;
            node.args = strings
                .into_iter()
                .map(|s| Word {
                    value: s.value,
                    span: Span::new(offset + s.start, offset + s.end),
                })
                .collect();
            Ok(())
        }
        Err(JsonArrayError::NotStringArray) => Err((
            slice_span(base, rest),
            "when using JSON array syntax, arrays must be comprised of strings only".to_string(),
        )),
        Err(JsonArrayError::NotJson) => {
            node.args = if to_list {
                split_whitespace(base, rest)
            } else {
                vec![word(base, rest)]
            };
            Ok(())
        }
    }
}

fn split_whitespace(base: &str, rest: &str) -> Vec<Word> {
    rest.split(go::is_split_space)
        .filter(|p| !p.is_empty())
        .map(|p| word(base, p))
        .collect()
}

/// BuildKit's `parseWords`: white-space separated words, quotes kept, the
/// escape character kept with the character it escapes.
fn shell_words(base: &str, rest: &str, escape: char) -> Vec<Word> {
    let offset = offset_in(base, rest);
    let mut words = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut blank_ok = false;
    let mut chars = rest.char_indices().peekable();
    let push = |words: &mut Vec<Word>, current: &mut String, start: usize, end: usize| {
        words.push(Word {
            value: std::mem::take(current),
            span: Span::new(offset + start, offset + end),
        });
    };
    while let Some((i, c)) = chars.next() {
        if !in_word {
            if c.is_whitespace() {
                continue;
            }
            in_word = true;
            start = i;
        }
        let at_end_after =
            |chars: &mut std::iter::Peekable<std::str::CharIndices>| chars.peek().is_none();
        match quote {
            None => {
                if c.is_whitespace() {
                    if blank_ok || !current.is_empty() {
                        push(&mut words, &mut current, start, i);
                    }
                    current.clear();
                    in_word = false;
                    blank_ok = false;
                    continue;
                }
                if c == '\'' || c == '"' {
                    quote = Some(c);
                    blank_ok = true;
                }
                if c == escape {
                    if at_end_after(&mut chars) {
                        continue;
                    }
                    current.push(c);
                    let (_, n) = chars.next().expect("peeked");
                    current.push(n);
                    continue;
                }
                current.push(c);
            }
            Some(q) => {
                if c == q {
                    quote = None;
                }
                if c == escape && q != '\'' {
                    if at_end_after(&mut chars) {
                        quote = None;
                        continue;
                    }
                    current.push(c);
                    let (_, n) = chars.next().expect("peeked");
                    current.push(n);
                    continue;
                }
                current.push(c);
            }
        }
    }
    if in_word && (blank_ok || !current.is_empty()) {
        push(&mut words, &mut current, start, rest.len());
    }
    words
}

/// ENV and LABEL: `key value…` (legacy) or `key=value…` pairs, dumped as
/// (key, value, separator) triples.
fn name_values(
    base: &str,
    rest: &str,
    name: &str,
    escape: char,
    node: &mut Node,
) -> Result<(), (Span, String)> {
    let words = shell_words(base, rest, escape);
    let Some(first) = words.first() else {
        return Ok(());
    };
    if !first.value.contains('=') {
        let Some(split) = rest.find(go::is_split_space) else {
            return Err((
                slice_span(base, rest),
                format!("{name} must have two arguments"),
            ));
        };
        let key = &rest[..split];
        let value = rest[split..].trim_start_matches(go::is_split_space);
        node.args.push(word(base, key));
        node.args.push(word(base, value));
        node.args.push(Word {
            value: String::new(),
            span: Span::empty(offset_in(base, value)),
        });
        return Ok(());
    }
    for w in words {
        let Some(eq) = w.value.find('=') else {
            return Err((
                w.span,
                format!(
                    "Syntax error - can't find = in {}. Must be of the form: name=value",
                    go::quote(&w.value)
                ),
            ));
        };
        let eq_at = w.span.start + eq;
        node.args.push(Word {
            value: w.value[..eq].to_string(),
            span: Span::new(w.span.start, eq_at),
        });
        node.args.push(Word {
            value: w.value[eq + 1..].to_string(),
            span: Span::new(eq_at + 1, w.span.end),
        });
        node.args.push(Word {
            value: "=".to_string(),
            span: Span::new(eq_at, eq_at + 1),
        });
    }
    Ok(())
}

/// HEALTHCHECK: a type word (`CMD`, `NONE`, …), then maybe-JSON.
fn health_config(base: &str, rest: &str, node: &mut Node) -> Result<(), (Span, String)> {
    let bytes = rest.as_bytes();
    let sep = bytes
        .iter()
        .position(|&b| go::is_space_byte(b))
        .unwrap_or(bytes.len());
    if sep == 0 {
        return Ok(());
    }
    let mut next = sep;
    while next < bytes.len() && go::is_space_byte(bytes[next]) {
        next += 1;
    }
    let offset = offset_in(base, rest);
    let typ = String::from_utf8_lossy(&bytes[..sep]).into_owned();
    node.args.push(Word {
        value: typ,
        span: Span::new(offset, offset + sep),
    });
    while !rest.is_char_boundary(next) {
        next += 1;
    }
    let mut command = Node {
        args: Vec::new(),
        ..node.clone()
    };
    maybe_json(base, &rest[next..], &mut command, false)?;
    node.json = command.json;
    node.args.extend(command.args);
    Ok(())
}

/// Heredoc markers of a RUN/COPY/ADD line, in order (BuildKit's
/// `heredocsFromLine`).
fn heredoc_markers(line: &str) -> Result<Vec<Heredoc>, String> {
    if !line.contains("<<") {
        return Ok(Vec::new());
    }
    let raw = LexOptions {
        raw_quotes: true,
        raw_escapes: true,
        skip_unset: true,
        ..LexOptions::default()
    };
    let words = match shell::expand(line, &shell::NoEnv, raw) {
        Ok(expansion) => expansion.words,
        Err(_) => return Ok(Vec::new()),
    };
    let mut heredocs = Vec::new();
    for word in &words {
        if let Some(heredoc) = parse_heredoc_marker(word)? {
            heredocs.push(heredoc);
        }
    }
    Ok(heredocs)
}

/// `^(\d*)<<(-?)([^<]*)$` and the quote analysis of the delimiter.
pub fn parse_heredoc_marker(word: &str) -> Result<Option<Heredoc>, String> {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let Some(after) = word[digits..].strip_prefix("<<") else {
        return Ok(None);
    };
    let (chomp, rest) = match after.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, after),
    };
    if rest.is_empty() || rest.contains('<') {
        return Ok(None);
    }
    let env = &shell::NoEnv;
    let plain = LexOptions {
        skip_unset: true,
        ..LexOptions::default()
    };
    let words = shell::expand(rest, env, plain)?.words;
    if words.len() != 1 {
        return Ok(None);
    }
    let raw_words = shell::expand(
        rest,
        env,
        LexOptions {
            raw_quotes: true,
            ..plain
        },
    )?
    .words;
    let quotes = |s: &str| s.matches(['\'', '"']).count();
    let expand = raw_words.len() == 1 && quotes(&words[0]) == quotes(&raw_words[0]);
    Ok(Some(Heredoc {
        name: words[0].clone(),
        fd: word[..digits].parse().unwrap_or(0),
        expand,
        chomp,
        content: String::new(),
        span: Span::default(),
    }))
}

/// Moves spans from logical-line offsets to source offsets. Flags and
/// HEALTHCHECK types are split on bytes as BuildKit does, which can cut a
/// multi-byte char; clamping keeps every span on char boundaries.
fn map_node_spans(node: &mut Node, logical: &Logical, text: &str) {
    let map = |span: Span| logical.map_span(span).clamp_to(text);
    node.keyword.span = map(node.keyword.span);
    node.span = map(node.span);
    for word in node.flags.iter_mut().chain(node.args.iter_mut()) {
        word.span = map(word.span);
    }
    for equals in node.arg_equals.iter_mut().flatten() {
        *equals = map(*equals);
    }
    if let Some(trigger) = &mut node.trigger {
        map_node_spans(trigger, logical, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_regex_edge_cases() {
        assert_eq!(match_directive("# escape=`"), Some(("escape", "`", 9)));
        assert_eq!(
            match_directive("#syntax = a b  "),
            Some(("syntax", "a b", 10))
        );
        assert_eq!(match_directive("# escape= "), Some(("escape", " ", 9)));
        assert_eq!(match_directive("# 1x=a"), None);
        assert_eq!(match_directive("# key"), None);
    }

    #[test]
    fn heredoc_markers_follow_buildkit() {
        let names = |line: &str| -> Vec<(String, bool, bool)> {
            heredoc_markers(line)
                .unwrap()
                .into_iter()
                .map(|h| (h.name, h.expand, h.chomp))
                .collect()
        };
        assert_eq!(names("RUN <<EOF"), [("EOF".into(), true, false)]);
        assert_eq!(
            names("COPY <<-\"A\" 3<<B /d"),
            [("A".into(), false, true), ("B".into(), true, false)]
        );
        assert_eq!(names("RUN <<EO\"F\""), [("EOF".into(), false, false)]);
        assert!(names("RUN <<<EOF <EOF '<<EOF' <<").is_empty());
    }
}
