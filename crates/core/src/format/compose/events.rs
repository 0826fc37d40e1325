//! The YAML events of a compose file, as Docker Compose would read it.

use saphyr_parser::{Event, Parser, Span as YamlSpan};

use super::STEP;
use crate::format::split_lines;

pub(super) type Events<'a> = Vec<(Event<'a>, YamlSpan)>;

/// Closing brackets indented as go-yaml allows and the YAML spec does not
/// that are indented in the result (at most this many).
const MAX_REINDENTS: usize = 64;

pub(super) struct ReadError {
    pub message: String,
    /// Line (0-based) and byte offset in the text that was read.
    pub line: usize,
    pub at: usize,
}

/// The text to format and its events. Docker Compose (go-yaml) accepts a
/// flow collection's closing `]`/`}` indented no deeper than the key that
/// holds it, which the YAML spec refuses: such a line gets one more level,
/// which every reader accepts and which means the same.
pub(super) fn read_as_compose_does(text: &str) -> Result<(String, Events<'static>), ReadError> {
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

pub(super) fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in split_lines(text) {
        starts.push(offset);
        offset += line.text.len() + line.ending.len();
    }
    starts
}

/// The file's YAML events, or the first error.
pub(super) fn read(text: &str) -> Result<Events<'_>, ReadError> {
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
pub(super) fn same_data(a: &Events<'_>, b: &Events<'_>) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|((x, _), (y, _))| x == y)
}
