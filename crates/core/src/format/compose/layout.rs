//! What each line of a compose file holds, from the YAML events.

use std::collections::HashSet;

use saphyr_parser::{Event, ScalarStyle};

use super::events::{line_starts, Events};
use crate::format::split_lines;

/// What a physical line holds, for the rewriter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Role {
    /// Block structure, a comment or a blank line.
    Free,
    /// Text of a block scalar (`|`, `>`): its blanks are data.
    BlockText,
    /// A later line of a flow collection or of a scalar written over
    /// several lines: moved with the line it continues.
    Continued,
}

/// Facts from the YAML events, by line (0-based) and column (in chars).
pub(super) struct Layout {
    pub roles: Vec<Role>,
    /// Where block mappings' keys start.
    pub keys: HashSet<(usize, usize)>,
    /// Lines that end inside a double-quoted scalar: a trailing `\` there
    /// escapes the blank after it.
    pub in_double_quotes: HashSet<usize>,
}

#[derive(Clone, Copy, PartialEq)]
enum Collection {
    Map { expect_key: bool },
    Seq,
}

impl Layout {
    pub(super) fn of(text: &str, events: &Events<'_>) -> Layout {
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
pub(super) fn flow_collections(events: &Events<'_>) -> Vec<Option<saphyr_parser::Marker>> {
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
