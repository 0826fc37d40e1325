//! YAML with a byte span on every key and value, read the way Docker Compose
//! (compose-go on go-yaml v3) reads it.
//!
//! - Anchors and aliases are resolved; `<<` merge keys are applied (keys
//!   written in the mapping win over merged ones, earlier merge sources win
//!   over later ones).
//! - Duplicate keys are errors, as in compose-go.
//! - Plain scalars are typed as go-yaml v3 types them: `true`/`false`, `null`
//!   and `~`, integers with Go's prefixes (`0x`, `0o`, `0b`, and a leading `0`
//!   for octal: `0440` is 288), floats. `yes`/`on` stay strings; the compose
//!   layer decides what a boolean field makes of them.
//! - Work is bounded: alias expansion has a node budget (a "billion laughs"
//!   file ends with an error, not with the machine's memory), nesting has a
//!   depth limit.
//! - A syntax error is reported where it is, then the offending line is
//!   blanked out and the text read again, so that the rest of the file is
//!   still understood (a bounded number of times).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as YamlSpan};

use crate::span::Span;

/// Nodes that alias expansion may create, in all: what Docker Compose still
/// loads (go-yaml lets 99 % of a document come from aliases up to 400,000
/// decoded nodes).
pub const ALIAS_BUDGET: usize = 400_000;
/// Deepest nesting of sequences and mappings that is read.
pub const MAX_DEPTH: usize = 128;
/// Syntax errors after which the reader stops trying to read further.
const MAX_SYNTAX_ERRORS: usize = 8;

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The scalar's text after YAML's quoting and folding rules.
    pub text: String,
    /// Written without quotes or block indicators.
    pub plain: bool,
    pub kind: ScalarKind,
}

/// What a scalar is, by go-yaml v3's resolution rules.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScalarKind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
    /// Brought in by a `<<` merge key rather than written in this mapping.
    pub merged: bool,
}

/// A problem reading the YAML, at a span of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Document {
    /// The first document's root; `None` for an empty text.
    pub root: Option<Node>,
    pub errors: Vec<YamlError>,
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(s) => Some(&s.text),
            _ => None,
        }
    }

    pub fn scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn is_seq(&self) -> bool {
        matches!(self.value, Value::Seq(_))
    }

    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(
            self.value,
            Value::Scalar(Scalar {
                kind: ScalarKind::Null,
                ..
            })
        )
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries().iter().find(|e| e.key.as_str() == Some(key))
    }

    /// Nodes in the tree, this one included.
    fn size(&self) -> usize {
        1 + match &self.value {
            Value::Scalar(_) => 0,
            Value::Seq(items) => items.iter().map(Node::size).sum(),
            Value::Map(entries) => entries.iter().map(|e| e.key.size() + e.value.size()).sum(),
        }
    }
}

/// Reads the first YAML document of `text`.
pub fn parse(text: &str) -> Document {
    let mut syntax_errors: Vec<YamlError> = Vec::new();
    let mut blanked_lines: Vec<usize> = Vec::new();
    let mut inserts: Vec<(usize, usize)> = Vec::new();
    let mut source: Option<String> = None;
    loop {
        let current = source.as_deref().unwrap_or(text);
        let (root, error, mut errors) = read(current, &inserts);
        let Some(error) = error else {
            syntax_errors.append(&mut errors);
            return finish(text, root, syntax_errors);
        };
        // go-yaml accepts a closing `]`/`}` indented no deeper than the key
        // that holds the collection; the YAML spec (and the parser) do not.
        // Indent such a line and read again, without an error.
        let closer_line = error.line_start;
        let line = &current[closer_line..];
        let closes_flow = line.trim_start_matches(' ').starts_with([']', '}']);
        if error.indentation && closes_flow && inserts.len() < MAX_REINDENTS {
            let original = map_back(&inserts, closer_line);
            if !inserts.iter().any(|&(at, _)| at == original) {
                inserts.push((original, REINDENT));
                crate::sort::sort(&mut inserts);
                let mut indented = current.to_string();
                indented.insert_str(closer_line, &" ".repeat(REINDENT));
                source = Some(indented);
                continue;
            }
        }
        let repeated = syntax_errors.iter().any(|e| e.span == error.span);
        if !repeated {
            syntax_errors.push(YamlError {
                span: error.span,
                message: error.message,
            });
        }
        // Blank the line that caused the error and read again, unless that
        // line is blank already or errors pile up; the errors of the last
        // read stand.
        if blanked_lines.contains(&error.blame_line) || syntax_errors.len() >= MAX_SYNTAX_ERRORS {
            syntax_errors.append(&mut errors);
            return finish(text, root, syntax_errors);
        }
        blanked_lines.push(error.blame_line);
        let mut blanked = current.to_string();
        let at = byte_in(&inserts, error.blame_line);
        blank_line(&mut blanked, at);
        source = Some(blanked);
    }
}

/// The document with every error span on a char boundary of the original
/// text: a blanked line keeps its byte length, but a multi-byte char turned
/// into spaces leaves offsets that fall inside the char in the original.
fn finish(text: &str, root: Option<Node>, mut errors: Vec<YamlError>) -> Document {
    for error in &mut errors {
        error.span = error.span.clamp_to(text);
    }
    Document { root, errors }
}

/// Lines re-indented at most, and by how much.
const MAX_REINDENTS: usize = 64;
const REINDENT: usize = 64;

/// The original offset of an offset in the text with `inserts` applied
/// (`inserts` are (original offset, length), sorted).
fn map_back(inserts: &[(usize, usize)], modified: usize) -> usize {
    let mut shift = 0;
    for &(at, length) in inserts {
        let start = at + shift;
        if modified < start {
            break;
        }
        if modified < start + length {
            return at;
        }
        shift += length;
    }
    modified - shift
}

/// The offset in the text with `inserts` applied of an original offset.
fn byte_in(inserts: &[(usize, usize)], original: usize) -> usize {
    original
        + inserts
            .iter()
            .filter(|&&(at, _)| at <= original)
            .map(|&(_, length)| length)
            .sum::<usize>()
}

const SYNTAX_PREFIX: &str = "YAML syntax error: ";

/// Replaces the line starting at `start` with spaces of the same byte
/// length, so that every later offset stays where it was.
fn blank_line(text: &mut String, start: usize) {
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let spaces = " ".repeat(end - start);
    text.replace_range(start..end, &spaces);
}

struct SyntaxError {
    /// In the original text.
    span: Span,
    message: String,
    /// Start of the line to blank out before reading again, in the original
    /// text: the line of an unclosed `[`/`{` when the error is inside one,
    /// else the error's line.
    blame_line: usize,
    /// Start of the error's line in the text as read.
    line_start: usize,
    /// The parser complains about indentation.
    indentation: bool,
}

/// Converts the parser's character positions into byte offsets.
/// Converts the parser's character positions in the text as read into byte
/// offsets of the original text (the text as read may have re-indented
/// lines).
struct Offsets<'a> {
    /// The text as read.
    text: &'a str,
    /// Byte offset of each char, when the text is not all ASCII.
    table: Option<Vec<usize>>,
    inserts: &'a [(usize, usize)],
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str, inserts: &'a [(usize, usize)]) -> Self {
        let table = (!text.is_ascii()).then(|| {
            text.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .collect()
        });
        Offsets {
            text,
            table,
            inserts,
        }
    }

    fn original(&self, modified: usize) -> usize {
        map_back(self.inserts, modified)
    }

    /// 1-based line of an original offset.
    fn line_of(&self, original: usize) -> usize {
        let at = byte_in(self.inserts, original).min(self.text.len());
        1 + self.text[..at].matches('\n').count()
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.text.len()),
            Some(table) => table.get(char_index).copied().unwrap_or(self.text.len()),
        }
    }

    /// A parser span as original byte offsets.
    fn span(&self, span: &YamlSpan) -> Span {
        let start = self.original(self.byte(span.start.index()));
        let end = self.original(self.byte(span.end.index())).max(start);
        Span::new(start, end)
    }

    fn line_start(&self, byte: usize) -> usize {
        self.text[..byte].rfind('\n').map_or(0, |i| i + 1)
    }
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        /// Mappings to merge in, in the order their `<<` keys list them.
        merges: Vec<Node>,
        /// Where the mapping's `<<` key is: go-yaml refuses a second one.
        merge_key: Option<usize>,
        key: Option<Node>,
        keys: KeyIndex,
    },
    /// A container deeper than MAX_DEPTH: its events are skipped.
    Skipped,
}

/// Where each scalar key of a mapping being built is, so that go-yaml's
/// duplicate-key error and the `<<` merge do not compare every key with
/// every earlier one (a compose file of thousands of services). Small
/// mappings, nearly all of them, are searched in place; the index is built
/// once a mapping grows past `INDEX_FROM` keys.
#[derive(Default)]
struct KeyIndex(Option<HashMap<String, usize>>);

const INDEX_FROM: usize = 16;

impl KeyIndex {
    /// The position in `entries` of the entry whose key is `key`'s.
    fn find(&self, entries: &[Entry], key: &Node) -> Option<usize> {
        let Value::Scalar(scalar) = &key.value else {
            return None;
        };
        match &self.0 {
            Some(index) => index.get(&scalar.text).copied(),
            None => entries.iter().position(|e| same_key(&e.key, key)),
        }
    }

    /// Records that `entries`' last entry was just pushed.
    fn pushed(&mut self, entries: &[Entry]) {
        fn add(index: &mut HashMap<String, usize>, at: usize, entry: &Entry) {
            if let Value::Scalar(scalar) = &entry.key.value {
                index.entry(scalar.text.clone()).or_insert(at);
            }
        }
        match &mut self.0 {
            Some(index) => {
                if let Some(last) = entries.last() {
                    add(index, entries.len() - 1, last);
                }
            }
            None if entries.len() > INDEX_FROM => {
                let mut index = HashMap::with_capacity(entries.len() * 2);
                for (at, entry) in entries.iter().enumerate() {
                    add(&mut index, at, entry);
                }
                self.0 = Some(index);
            }
            None => {}
        }
    }
}

struct Builder<'a> {
    offsets: Offsets<'a>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    alias_nodes: usize,
    root: Option<Node>,
    errors: Vec<YamlError>,
    depth_reported: bool,
    budget_reported: bool,
}

fn read(
    text: &str,
    inserts: &[(usize, usize)],
) -> (Option<Node>, Option<SyntaxError>, Vec<YamlError>) {
    let mut builder = Builder {
        offsets: Offsets::new(text, inserts),
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        root: None,
        errors: Vec::new(),
        depth_reported: false,
        budget_reported: false,
    };
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    let mut syntax = None;
    while let Some(event) = parser.next_event() {
        match event {
            Ok((Event::DocumentStart(_), _)) => {
                documents += 1;
                if documents > 1 {
                    break;
                }
            }
            Ok((event, span)) => builder.event(event, &span),
            Err(error) => {
                syntax = Some(builder.syntax_error(&error));
                break;
            }
        }
    }
    // Close what an error left open, so the part before it is kept.
    let end = builder.offsets.original(text.len());
    while !builder.stack.is_empty() {
        builder.close(end);
    }
    (builder.root, syntax, builder.errors)
}

impl Builder<'_> {
    fn syntax_error(&self, error: &ScanError) -> SyntaxError {
        let text = self.offsets.text;
        let at = self.offsets.byte(error.marker().index());
        let line_start = self.offsets.line_start(at);
        let mut blame_line = self.offsets.original(line_start);
        let mut message = match error.info() {
            "recursion limit exceeded" => {
                format!("{SYNTAX_PREFIX}nesting deeper than the reader allows (recursion limit exceeded)")
            }
            info => format!("{SYNTAX_PREFIX}{info}"),
        };
        // A flow collection (`[`/`{`) opened on an earlier line and never
        // closed is the usual cause of errors further down.
        let open_flow = self.stack.iter().find_map(|frame| match frame {
            Frame::Seq { start, .. } | Frame::Map { start, .. } => {
                let read_at = byte_in(self.offsets.inserts, *start);
                matches!(text.as_bytes().get(read_at), Some(b'[' | b'{')).then_some(read_at)
            }
            Frame::Skipped => None,
        });
        if let Some(start) = open_flow.filter(|&s| s < line_start) {
            blame_line = self.offsets.original(self.offsets.line_start(start));
            let line = 1 + text[..start].matches('\n').count();
            let bracket = char::from(text.as_bytes()[start]);
            message.push_str(&format!(
                " (inside the `{bracket}` opened at line {line}: is it closed?)"
            ));
        }
        // Point at the rest of the line, or at the character, when there is one.
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let end = if line_end > at {
            line_end
        } else {
            text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
        };
        SyntaxError {
            span: Span::new(self.offsets.original(at), self.offsets.original(end)),
            message,
            blame_line,
            line_start,
            indentation: error.info().contains("indentation"),
        }
    }

    fn event(&mut self, event: Event, span: &YamlSpan) {
        let at = self.offsets.span(span);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                if matches!(self.stack.last(), Some(Frame::Skipped)) {
                    return;
                }
                let plain = style == ScalarStyle::Plain;
                // An explicit `!!str` tag keeps a plain scalar a string.
                let tagged_str = tag
                    .as_ref()
                    .is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
                let kind = if plain && !tagged_str {
                    resolve(&text)
                } else {
                    ScalarKind::Str
                };
                let node = Node {
                    span: at,
                    value: Value::Scalar(Scalar {
                        text: text.into_owned(),
                        plain,
                        kind,
                    }),
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.value(node);
            }
            Event::Alias(id) => {
                if matches!(self.stack.last(), Some(Frame::Skipped)) {
                    return;
                }
                let node = match self.anchors.get(&id) {
                    Some(anchored) => {
                        let size = anchored.size();
                        if self.alias_nodes + size > ALIAS_BUDGET {
                            if !self.budget_reported {
                                self.budget_reported = true;
                                self.errors.push(YamlError {
                                    span: at,
                                    message: format!("aliases expand to more than {ALIAS_BUDGET} nodes; the rest of the aliases are read as empty (is this a \"billion laughs\" file?)"),
                                });
                            }
                            null(at)
                        } else {
                            self.alias_nodes += size;
                            anchored.clone()
                        }
                    }
                    None => null(at),
                };
                self.value(node);
            }
            Event::SequenceStart(anchor, _) => self.open(Frame::Seq {
                start: at.start,
                anchor,
                items: Vec::new(),
            }),
            Event::MappingStart(anchor, _) => self.open(Frame::Map {
                start: at.start,
                anchor,
                entries: Vec::new(),
                merges: Vec::new(),
                merge_key: None,
                key: None,
                keys: KeyIndex::default(),
            }),
            Event::SequenceEnd | Event::MappingEnd => self.close(at.end),
            _ => {}
        }
    }

    fn open(&mut self, frame: Frame) {
        let depth = self.stack.len();
        if matches!(self.stack.last(), Some(Frame::Skipped)) || depth >= MAX_DEPTH {
            if !self.depth_reported && depth >= MAX_DEPTH {
                self.depth_reported = true;
                let start = match &frame {
                    Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
                    Frame::Skipped => 0,
                };
                self.errors.push(YamlError {
                    span: Span::new(start, start),
                    message: format!("nesting deeper than {MAX_DEPTH} levels is not read"),
                });
            }
            self.stack.push(Frame::Skipped);
            return;
        }
        self.stack.push(frame);
    }

    fn close(&mut self, end: usize) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (node, anchor) = match frame {
            Frame::Skipped => {
                if matches!(self.stack.last(), Some(Frame::Skipped)) {
                    return;
                }
                (null(Span::new(end, end)), 0)
            }
            Frame::Seq {
                start,
                anchor,
                items,
            } => {
                let end = self.block_end(start, end, items.last().map(|n| n.span.end));
                (
                    Node {
                        span: Span::new(start, end.max(start)),
                        value: Value::Seq(items),
                    },
                    anchor,
                )
            }
            Frame::Map {
                start,
                anchor,
                mut entries,
                merges,
                key,
                mut keys,
                ..
            } => {
                if let Some(key) = key {
                    // A key whose value never came (the text ended).
                    let at = Span::new(key.span.end, key.span.end);
                    entries.push(Entry {
                        key,
                        value: null(at),
                        merged: false,
                    });
                }
                for source in merges {
                    for entry in source.entries() {
                        if keys.find(&entries, &entry.key).is_none() {
                            entries.push(Entry {
                                merged: true,
                                ..entry.clone()
                            });
                            keys.pushed(&entries);
                        }
                    }
                }
                let last = entries
                    .iter()
                    .filter(|e| !e.merged)
                    .map(|e| e.value.span.end.max(e.key.span.end))
                    .max();
                let end = self.block_end(start, end, last);
                (
                    Node {
                        span: Span::new(start, end.max(start)),
                        value: Value::Map(entries),
                    },
                    anchor,
                )
            }
        };
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        self.value(node);
    }

    /// Where a collection ends: a flow collection at its closing bracket; a
    /// block one at its last child (the parser's end is the next token).
    fn block_end(&self, start: usize, end: usize, last_child: Option<usize>) -> usize {
        let read_at = byte_in(self.offsets.inserts, start);
        let flow = matches!(self.offsets.text.as_bytes().get(read_at), Some(b'[' | b'{'));
        match last_child {
            Some(last) if !flow => last.max(start),
            _ => end,
        }
    }

    fn value(&mut self, node: Node) {
        let errors = &mut self.errors;
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Skipped) => {}
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                merges,
                merge_key,
                key,
                keys,
                ..
            }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    let is_merge = k.scalar().is_some_and(|s| s.plain && s.text == "<<");
                    if is_merge {
                        if let Some(first) = *merge_key {
                            let line = self.offsets.line_of(first);
                            errors.push(YamlError {
                                span: k.span,
                                message: format!("mapping key \"<<\" already defined at line {line}: list the mappings to merge in one `<<: [*a, *b]`"),
                            });
                            return;
                        }
                        *merge_key = Some(k.span.start);
                        match &node.value {
                            Value::Map(_) => merges.push(node),
                            Value::Seq(items) if items.iter().all(Node::is_map) => {
                                merges.extend(items.iter().cloned())
                            }
                            _ => errors.push(YamlError {
                                span: node.span,
                                message: "a `<<` merge key takes a mapping or a list of mappings (usually an alias such as *defaults)".into(),
                            }),
                        }
                        return;
                    }
                    if let Some(first) = keys.find(entries, &k) {
                        let line = self.offsets.line_of(entries[first].key.span.start);
                        errors.push(YamlError {
                            span: k.span,
                            message: format!(
                                "mapping key {:?} already defined at line {line}",
                                key_text(&k)
                            ),
                        });
                        return;
                    }
                    entries.push(Entry {
                        key: k,
                        value: node,
                        merged: false,
                    });
                    keys.pushed(entries);
                }
            },
        }
    }
}

fn null(span: Span) -> Node {
    Node {
        span,
        value: Value::Scalar(Scalar {
            text: String::new(),
            plain: true,
            kind: ScalarKind::Null,
        }),
    }
}

fn key_text(node: &Node) -> String {
    match &node.value {
        Value::Scalar(s) => s.text.clone(),
        Value::Seq(_) => "[…]".into(),
        Value::Map(_) => "{…}".into(),
    }
}

fn same_key(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Scalar(x), Value::Scalar(y)) => x.text == y.text,
        _ => false,
    }
}

/// go-yaml v3's resolution of a plain scalar.
pub fn resolve(text: &str) -> ScalarKind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarKind::Null,
        "true" | "True" | "TRUE" => return ScalarKind::Bool(true),
        "false" | "False" | "FALSE" => return ScalarKind::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return ScalarKind::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return ScalarKind::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return ScalarKind::Float(f64::NAN),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return ScalarKind::Str;
    }
    if let Some(n) = parse_go_int(text) {
        return ScalarKind::Int(n);
    }
    if is_yaml_float(text) {
        if let Ok(f) = text.parse::<f64>() {
            return ScalarKind::Float(f);
        }
    }
    ScalarKind::Str
}

/// Go's `strconv.ParseInt(s, 0, 64)`: sign, then `0x`/`0o`/`0b` or a
/// leading `0` for octal; underscores only with a prefix.
fn parse_go_int(text: &str) -> Option<i64> {
    let (negative, body) = match text.as_bytes()[0] {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits, prefixed) =
        if let Some(d) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
            (16, d, true)
        } else if let Some(d) = body.strip_prefix("0o").or_else(|| body.strip_prefix("0O")) {
            (8, d, true)
        } else if let Some(d) = body.strip_prefix("0b").or_else(|| body.strip_prefix("0B")) {
            (2, d, true)
        } else if body.len() > 1 && body.starts_with('0') {
            (8, &body[1..], true)
        } else {
            (10, body, false)
        };
    if digits.is_empty()
        || (!prefixed && digits.contains('_'))
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let cleaned: String = digits.chars().filter(|&c| c != '_').collect();
    let magnitude = i128::from_str_radix(&cleaned, radix).ok()?;
    let value = if negative { -magnitude } else { magnitude };
    i64::try_from(value).ok()
}

/// YAML 1.2 core schema float: `[-+]? (\.[0-9]+ | [0-9]+ (\.[0-9]*)?) ([eE][-+]?[0-9]+)?`
fn is_yaml_float(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let whole = digits(&mut i);
    let mut fraction = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        fraction = digits(&mut i);
    }
    if whole == 0 && fraction == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_at(text: &str, span: Span) -> &str {
        &text[span.start..span.end]
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let text = "services:\n  web:\n    image: \"nginx:1.27\"\n    ports: [\"80:80\"]\n";
        let doc = parse(text);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let root = doc.root.unwrap();
        let web = root.get("services").unwrap().get("web").unwrap();
        let image = web.entry("image").unwrap();
        assert_eq!(text_at(text, image.key.span), "image");
        assert_eq!(text_at(text, image.value.span), "\"nginx:1.27\"");
        assert_eq!(image.value.as_str(), Some("nginx:1.27"));
        let port = &web.get("ports").unwrap().items()[0];
        assert_eq!(text_at(text, port.span), "\"80:80\"");
    }

    #[test]
    fn scalars_resolve_as_go_yaml_v3() {
        assert_eq!(resolve("0440"), ScalarKind::Int(288));
        assert_eq!(resolve("0o17"), ScalarKind::Int(15));
        assert_eq!(resolve("0x1F"), ScalarKind::Int(31));
        assert_eq!(resolve("1_000"), ScalarKind::Str);
        assert_eq!(resolve("-12"), ScalarKind::Int(-12));
        assert_eq!(resolve("1.5e3"), ScalarKind::Float(1500.0));
        assert_eq!(resolve("yes"), ScalarKind::Str);
        assert_eq!(resolve("True"), ScalarKind::Bool(true));
        assert_eq!(resolve("~"), ScalarKind::Null);
        assert_eq!(resolve("8080:80"), ScalarKind::Str);
        assert_eq!(resolve("099"), ScalarKind::Float(99.0));
    }

    #[test]
    fn merge_keys_and_aliases_apply() {
        let text = "x: &base\n  a: 1\n  b: 2\ny:\n  <<: *base\n  b: 3\nz: *base\n";
        let doc = parse(text);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let root = doc.root.unwrap();
        let y = root.get("y").unwrap();
        assert_eq!(y.get("a").unwrap().as_str(), Some("1"));
        assert_eq!(y.get("b").unwrap().as_str(), Some("3"));
        assert!(y.entry("a").unwrap().merged);
        // A merged value keeps the span where it was written.
        assert_eq!(text_at(text, y.get("a").unwrap().span), "1");
        assert_eq!(y.get("a").unwrap().span.start, 14);
        assert_eq!(root.get("z").unwrap().entries().len(), 2);
    }

    #[test]
    fn duplicate_keys_are_found_in_large_mappings() {
        // Past INDEX_FROM keys the mapping is indexed: the same answers.
        let mut text: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k3: again\n");
        let doc = parse(&text);
        assert_eq!(doc.errors.len(), 1, "{:?}", doc.errors);
        assert_eq!(
            doc.errors[0].message,
            "mapping key \"k3\" already defined at line 4"
        );
        let merged = format!(
            "base: &b\n{}\nover:\n  <<: *b\n{}",
            (0..30)
                .map(|i| format!("  m{i}: base\n"))
                .collect::<String>(),
            (0..30)
                .map(|i| format!("  m{}: own\n", i * 2))
                .collect::<String>()
        );
        let doc = parse(&merged);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let over = doc.root.as_ref().unwrap().get("over").unwrap();
        assert_eq!(over.entries().len(), 45);
        assert_eq!(over.get("m4").and_then(Node::as_str), Some("own"));
        assert_eq!(over.get("m5").and_then(Node::as_str), Some("base"));
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_second_key() {
        let text = "a: 1\nb: 2\na: 3\n";
        let doc = parse(text);
        assert_eq!(doc.errors.len(), 1);
        assert_eq!(doc.errors[0].span, Span::new(10, 11));
        assert_eq!(
            doc.errors[0].message,
            "mapping key \"a\" already defined at line 1"
        );
    }

    /// `x-a: &a {k: v}` then ten levels of three aliases each: about
    /// 310,000 nodes, which Docker Compose 2.40.3 still loads; an eleventh
    /// level (about 930,000) runs it out of memory.
    fn alias_tree(levels: usize) -> String {
        let mut text = String::from("x0: &x0 {k: v}\n");
        for level in 1..=levels {
            let refs = vec![format!("*x{}", level - 1); 3].join(", ");
            text.push_str(&format!("x{level}: &x{level} [{refs}]\n"));
        }
        text
    }

    #[test]
    fn the_alias_budget_is_where_docker_compose_gives_up() {
        assert!(parse(&alias_tree(10)).errors.is_empty());
        assert!(parse(&alias_tree(11))
            .errors
            .iter()
            .any(|e| e.message.contains("billion laughs")));
    }

    #[test]
    fn a_second_merge_key_is_refused_as_go_yaml_refuses_it() {
        let doc = parse("a: &a {k: 1}\nb: &b {j: 2}\nc:\n  <<: *a\n  <<: *b\n");
        assert_eq!(doc.errors.len(), 1);
        assert!(doc.errors[0]
            .message
            .starts_with("mapping key \"<<\" already defined at line 4"));
    }

    #[test]
    fn billion_laughs_ends_with_an_error() {
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
        let mut previous = "a";
        for name in names {
            let refs = vec![format!("*{previous}"); 9].join(",");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
            previous = name;
        }
        let doc = parse(&text);
        assert!(doc
            .errors
            .iter()
            .any(|e| e.message.contains("billion laughs")));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = "[".repeat(10_000);
        let doc = parse(&text);
        assert!(!doc.errors.is_empty());
    }

    #[test]
    fn after_a_syntax_error_the_rest_is_read() {
        let text =
            "services:\n  web:\n    image: nginx\n    ports: [80\n  db:\n    image: postgres\n";
        let doc = parse(text);
        assert!(!doc.errors.is_empty());
        assert!(doc.errors[0].message.starts_with("YAML syntax error"));
        let root = doc.root.expect("a tree despite the error");
        let services = root.get("services").unwrap();
        assert!(services.get("db").is_some(), "{root:?}");
    }

    #[test]
    fn unicode_offsets_are_bytes() {
        let text = "é: \"ü\"\n";
        let doc = parse(text);
        let root = doc.root.unwrap();
        let entry = &root.entries()[0];
        assert_eq!(text_at(text, entry.key.span), "é");
        assert_eq!(text_at(text, entry.value.span), "\"ü\"");
    }

    #[test]
    fn a_closing_bracket_at_the_key_indentation_is_read_as_go_yaml_reads_it() {
        let text =
            "s:\n  test: [\n      \"CMD\",\n      # why\n      \"x\",\n  ]\n  interval: 30s\n";
        let doc = parse(text);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let s = doc.root.unwrap();
        let s = s.get("s").unwrap();
        assert_eq!(s.get("test").unwrap().items().len(), 2);
        let interval = s.get("interval").unwrap();
        assert_eq!(text_at(text, interval.span), "30s");
    }
}
