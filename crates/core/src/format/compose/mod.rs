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
//!   they are. dclint's orders apply only when its ordering rules are on
//!   (`lint::format_compose` runs `order` for them first): a block
//!   collection's entries then move as whole lines, with the comment lines
//!   right above them; flow collections and moves that would put an alias
//!   before its anchor are left as written.
//! - Comments stay on their line and in their order; a comment line takes
//!   the indentation of the line it introduces (or of the block it closes).
//! - No doubled blank line, none at the start or the end, no trailing spaces
//!   (outside block scalars, whose blanks are text), one final line break.
//!   Line breaks (LF or CRLF) are kept.

mod events;
mod layout;
pub mod order;
mod rewrite;

use super::Refusal;
use crate::span::Span;
use events::{read, read_as_compose_does, same_data};
use layout::Layout;
use rewrite::Rewriter;

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
