//! Byte spans into a source text, and their conversion to lines and columns.

use serde::Serialize;

/// A half-open byte range `start..end` into one source text.
///
/// Every span the engine hands out lies inside its text and on char boundaries,
/// so hosts can slice the text with it and convert it without checks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Clamps the span into `text` and moves both ends back onto char boundaries.
    pub fn clamp_to(self, text: &str) -> Span {
        let end = floor_char_boundary(text, self.end.min(text.len()));
        let start = floor_char_boundary(text, self.start.min(end));
        Span::new(start, end)
    }
}

/// `at` moved into `text` and back to a char boundary: where a cursor
/// given from outside (an editor, a client) may be used.
pub fn clamp_offset(text: &str, at: usize) -> usize {
    floor_char_boundary(text, at.min(text.len()))
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A 1-based line and column; the column counts chars (Unicode scalar values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Start offsets of every line of a text, for offset → line/column lookups.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// The 1-based line and char column of a byte offset (clamped into the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column = self.text[self.line_starts[line]..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// Byte offset of the start of a 1-based line, or the end of the text.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let index = LineIndex::new("ab\né x\n");
        assert_eq!(index.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(index.line_col(3), LineCol { line: 2, column: 1 });
        assert_eq!(index.line_col(6), LineCol { line: 2, column: 3 });
        assert_eq!(index.line_col(99), LineCol { line: 3, column: 1 });
    }

    #[test]
    fn clamp_moves_onto_char_boundaries() {
        let text = "aé";
        assert_eq!(Span::new(2, 9).clamp_to(text), Span::new(1, 3));
    }
}
