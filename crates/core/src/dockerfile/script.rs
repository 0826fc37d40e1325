//! The shell scripts of a Dockerfile as the shell receives them. A RUN's
//! shell-form text loses BuildKit's line continuations (the escape character
//! before a line break) and the comment and empty lines inside them; a
//! heredoc's body is its script as written. Each script keeps a map back to
//! the file, so a finding on a word of the script lands on that word in the
//! Dockerfile.

use crate::shell::{self, Parsed};
use crate::span::Span;

/// A script and where its text comes from.
#[derive(Clone, Debug)]
pub struct Script {
    /// The text the shell runs.
    pub text: String,
    /// (offset in `text`, offset in the file) at the start of each run of
    /// text copied unchanged, in order.
    pieces: Vec<(usize, usize)>,
    /// The script read by the shell reader.
    pub parsed: Parsed,
    /// A heredoc's body (its own script), not the RUN line.
    pub heredoc: bool,
}

impl Script {
    /// The script of a shell-form command at `span` of `source`, with the
    /// Dockerfile's escape character.
    pub fn of_command(source: &str, span: Span, escape: char) -> Script {
        let mut end = span.end.min(source.len());
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        let mut at = span.start.min(end);
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        let mut text = String::new();
        let mut pieces = Vec::new();
        let mut piece_start = at;
        let mut iter_at = at;
        while iter_at < end {
            let rest = &source[iter_at..end];
            let Some(c) = rest.chars().next() else {
                break;
            };
            if c == escape && continues(&rest[c.len_utf8()..]) {
                text.push_str(&source[piece_start..iter_at]);
                iter_at += c.len_utf8();
                iter_at += skip_to_next_line(&source[iter_at..end]);
                iter_at += skip_dropped_lines(&source[iter_at..end]);
                pieces.push((text.len(), iter_at));
                piece_start = iter_at;
                continue;
            }
            iter_at += c.len_utf8();
        }
        text.push_str(&source[piece_start..end.max(piece_start)]);
        let mut pieces_with_start = vec![(0, at)];
        pieces_with_start.extend(pieces);
        Script::new(text, pieces_with_start, false)
    }

    /// A heredoc's body starting at `start` of the file.
    pub fn of_heredoc(content: &str, start: usize) -> Script {
        Script::new(content.to_string(), vec![(0, start)], true)
    }

    fn new(text: String, pieces: Vec<(usize, usize)>, heredoc: bool) -> Script {
        let parsed = shell::parse(&text);
        Script {
            text,
            pieces,
            parsed,
            heredoc,
        }
    }

    /// The file offset of a script offset.
    pub fn source_offset(&self, offset: usize) -> usize {
        let index = self.pieces.partition_point(|&(at, _)| at <= offset);
        let (at, source) = self.pieces[index.saturating_sub(1)];
        source + (offset - at)
    }

    /// The file span of a script span (a span across a continuation covers
    /// it in the file).
    pub fn source_span(&self, span: Span) -> Span {
        let start = self.source_offset(span.start);
        let end = if span.end > span.start {
            self.source_offset(span.end - 1) + 1
        } else {
            start
        };
        Span::new(start, end.max(start))
    }
}

/// After an escape character: whether it ends its line (only blanks follow).
fn continues(after: &str) -> bool {
    let trimmed = after.trim_start_matches([' ', '\t', '\r']);
    trimmed.starts_with('\n') || trimmed.is_empty()
}

/// The blanks and the line break after a continuation's escape character.
fn skip_to_next_line(rest: &str) -> usize {
    match rest.find('\n') {
        Some(i) => i + 1,
        None => rest.len(),
    }
}

/// Comment lines and empty lines inside a continuation, which BuildKit drops.
fn skip_dropped_lines(rest: &str) -> usize {
    let mut skipped = 0;
    loop {
        let line_rest = &rest[skipped..];
        let Some(line_len) = line_rest.find('\n').map(|i| i + 1) else {
            return skipped;
        };
        let line = line_rest[..line_len].trim();
        if line.is_empty() || line.starts_with('#') {
            skipped += line_len;
        } else {
            return skipped;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuations_and_comment_lines_are_dropped_and_mapped_back() {
        let source = "RUN echo a \\\n  # a comment\n\n  && echo $b\n";
        let span = Span::new(4, source.len() - 1);
        let script = Script::of_command(source, span, '\\');
        assert_eq!(script.text, "echo a   && echo $b");
        let at = script.text.find("$b").unwrap();
        let mapped = script.source_span(Span::new(at, at + 2));
        assert_eq!(&source[mapped.start..mapped.end], "$b");
        assert_eq!(script.source_offset(0), 4);
    }

    #[test]
    fn a_backtick_escape_and_a_heredoc() {
        let source = "RUN echo `\n  hi";
        let script = Script::of_command(source, Span::new(4, source.len()), '`');
        assert_eq!(script.text, "echo   hi");
        let heredoc = Script::of_heredoc("echo $x\n", 20);
        assert_eq!(heredoc.source_span(Span::new(5, 7)), Span::new(25, 27));
    }
}
