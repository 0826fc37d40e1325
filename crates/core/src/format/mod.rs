//! Formatters: the text rewritten in the project's style, or the reason it
//! is left unchanged. Each moves only what its reader ignores (their styles
//! and reasons are in their docs): `dockerfile` keeps BuildKit's reading of
//! the file, `compose` keeps the YAML data, checked again on its own output.
//! Tests check both on every corpus file.

pub mod compose;
pub mod dockerfile;
pub mod editorconfig;

use crate::span::Span;

/// Why a file is left as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub span: Span,
}

/// One physical line: its text without the line break, and the break.
pub(crate) struct Line<'a> {
    pub text: &'a str,
    pub ending: &'a str,
}

pub(crate) fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, ending, next) = match rest.find('\n') {
            Some(i) if i > 0 && rest.as_bytes()[i - 1] == b'\r' => {
                (&rest[..i - 1], "\r\n", &rest[i + 1..])
            }
            Some(i) => (&rest[..i], "\n", &rest[i + 1..]),
            None => (rest, "", ""),
        };
        lines.push(Line { text: line, ending });
        rest = next;
    }
    lines
}
