//! An order put on one block collection of a compose file: the keys of a
//! mapping, or the scalar items of a sequence. Each entry moves as a whole —
//! its key line, the lines under it, and the comment lines right above it —
//! so comments stay with what they describe. The result must hold the same
//! data, the order of that collection aside, or nothing is moved.

use saphyr_parser::Event;

use super::events::{line_starts, read, Events};
use super::layout::flow_collections;
use crate::format::split_lines;
use crate::yaml::{self, Node, Value};

/// Where an entry goes: entries sort by this key (stably).
pub type SortKey = fn(&str) -> (usize, String);

/// One block collection: where its entries start, and where it ends.
struct Collection {
    /// (line, column, key or scalar item) of each entry; `None` for an
    /// entry that is not a plain key or a scalar item.
    entries: Vec<(usize, usize, Option<String>)>,
    /// The line (0-based) of the token after the collection.
    end_line: usize,
    is_seq: bool,
}

/// The text with the block collection holding the key or item that starts
/// at byte `at` put in order, or `None` if it is in order already or cannot
/// be moved safely.
pub fn reorder(text: &str, at: usize, sort_key: SortKey) -> Option<String> {
    let events = read(text).ok()?;
    let starts = line_starts(text);
    let collection = holding(text, &events, &starts, at)?;
    let lines = split_lines(text);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    // Every entry starts its line (after `- ` for a sequence item).
    for &(line, col, ref key) in &collection.entries {
        key.as_ref()?;
        let before: String = lines.get(line)?.text.chars().take(col).collect();
        let lead = if collection.is_seq {
            before.trim_end().strip_suffix('-')?.to_string()
        } else {
            before
        };
        if !lead.chars().all(|c| c == ' ') {
            return None;
        }
    }
    let col = {
        let (line, col, _) = collection.entries.first()?;
        let text = lines[*line].text;
        if collection.is_seq {
            text.len() - text.trim_start_matches(' ').len()
        } else {
            *col
        }
    };
    let is_comment = |i: usize| lines[i].text.trim_start().starts_with('#');
    let is_blank = |i: usize| lines[i].text.trim().is_empty();
    // Each entry's first line: its key's, or the comment lines right above.
    let mut firsts: Vec<usize> = Vec::new();
    for (n, &(line, _, _)) in collection.entries.iter().enumerate() {
        let floor = if n == 0 {
            0
        } else {
            collection.entries[n - 1].0 + 1
        };
        let mut first = line;
        while first > floor && is_comment(first - 1) {
            first -= 1;
        }
        firsts.push(first);
    }
    // The last entry ends where the collection does, without the blank and
    // comment lines that belong to what follows (less indented).
    let last_line = collection.entries.last()?.0;
    let mut end = collection.end_line.max(last_line + 1).min(lines.len());
    while end > last_line + 1 {
        let i = end - 1;
        let indent = lines[i].text.len() - lines[i].text.trim_start_matches(' ').len();
        if is_blank(i) || (is_comment(i) && indent < col) {
            end -= 1;
        } else {
            break;
        }
    }
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    let mut spaced = false;
    for n in 0..firsts.len() {
        let stop = firsts.get(n + 1).copied().unwrap_or(end);
        let mut block: Vec<String> = (firsts[n]..stop)
            .map(|i| format!("{}{}", lines[i].text, lines[i].ending))
            .collect();
        while block.last().is_some_and(|l| l.trim().is_empty()) {
            block.pop();
            spaced = true;
        }
        if let Some(last) = block.last_mut() {
            if !last.ends_with('\n') {
                last.push_str(newline);
            }
        }
        let key = collection.entries[n].2.clone().unwrap_or_default();
        blocks.push((key, block));
    }
    let mut sorted: Vec<usize> = (0..blocks.len()).collect();
    sorted.sort_by_cached_key(|&i| sort_key(&blocks[i].0));
    if sorted.iter().enumerate().all(|(n, &i)| n == i) {
        return None;
    }
    let mut out = String::new();
    for line in &lines[..firsts[0]] {
        out.push_str(line.text);
        out.push_str(line.ending);
    }
    for (n, &i) in sorted.iter().enumerate() {
        if n > 0 && spaced {
            out.push_str(newline);
        }
        out.extend(blocks[i].1.iter().map(String::as_str));
    }
    for line in &lines[end..] {
        out.push_str(line.text);
        out.push_str(line.ending);
    }
    let same = |a: &str, b: &str| {
        let (a, b) = (yaml::parse(a), yaml::parse(b));
        a.errors.is_empty()
            && b.errors.is_empty()
            && a.root.as_ref().map(canonical) == b.root.as_ref().map(canonical)
    };
    same(text, &out).then_some(out)
}

/// A tree with every collection's entries sorted: the data, whatever order
/// entries are written in (the one collection put in order may be a
/// sequence; nothing else moves, since entries move as whole lines).
fn canonical(node: &Node) -> String {
    match &node.value {
        Value::Scalar(s) => format!("{:?}:{:?}", s.kind, s.text),
        Value::Seq(items) => {
            let mut items: Vec<String> = items.iter().map(canonical).collect();
            items.sort();
            format!("[{}]", items.join(","))
        }
        Value::Map(entries) => {
            let mut pairs: Vec<String> = entries
                .iter()
                .map(|e| format!("{}={}", canonical(&e.key), canonical(&e.value)))
                .collect();
            pairs.sort();
            format!("{{{}}}", pairs.join(","))
        }
    }
}

/// The block collection with an entry starting at byte `at`.
fn holding(text: &str, events: &Events<'_>, starts: &[usize], at: usize) -> Option<Collection> {
    let flow = flow_collections(events);
    let byte = |line: usize, col: usize| -> usize {
        let start = starts.get(line).copied().unwrap_or(text.len());
        text[start..]
            .char_indices()
            .nth(col)
            .map_or(text.len(), |(i, _)| start + i)
    };
    // (collection, expecting a key, is flow, holds `at`)
    let mut stack: Vec<(Collection, bool, bool, bool)> = Vec::new();
    for (i, (event, span)) in events.iter().enumerate() {
        let line = span.start.line().saturating_sub(1);
        let col = span.start.col();
        let is_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
        );
        if is_node {
            if let Some((collection, expect_key, is_flow, holds)) = stack.last_mut() {
                let entry_starts = if collection.is_seq { true } else { *expect_key };
                if entry_starts && !*is_flow {
                    let value = match event {
                        Event::Scalar(value, ..) => Some(value.to_string()),
                        _ => None,
                    };
                    collection.entries.push((line, col, value));
                    *holds |= byte(line, col) == at;
                }
                if !collection.is_seq {
                    *expect_key = !*expect_key;
                }
            }
        }
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                stack.push((
                    Collection {
                        entries: Vec::new(),
                        end_line: 0,
                        is_seq: matches!(event, Event::SequenceStart(..)),
                    },
                    true,
                    flow[i].is_some(),
                    false,
                ));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (mut collection, _, is_flow, holds) = stack.pop()?;
                if holds && !is_flow {
                    collection.end_line = line;
                    return Some(collection);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alphabetical(key: &str) -> (usize, String) {
        (0, key.to_string())
    }

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap()
    }

    #[test]
    fn entries_move_with_their_lines_and_comments() {
        let text = "services:\n  web:\n    image: nginx\n\n  # the database\n  db:\n    image: postgres\n    environment:\n      A: 1\n# volumes next\nvolumes:\n  data:\n";
        let out = reorder(text, at(text, "db:"), alphabetical).unwrap();
        assert_eq!(
            out,
            "services:\n  # the database\n  db:\n    image: postgres\n    environment:\n      A: 1\n\n  web:\n    image: nginx\n# volumes next\nvolumes:\n  data:\n"
        );
        assert_eq!(
            reorder(&out, at(&out, "db:"), alphabetical),
            None,
            "in order"
        );
    }

    #[test]
    fn scalar_items_of_a_sequence_are_sorted() {
        let text = "services:\n  app:\n    depends_on:\n      - redis\n      - db\n";
        let out = reorder(text, at(text, "db"), alphabetical).unwrap();
        assert_eq!(
            out,
            "services:\n  app:\n    depends_on:\n      - db\n      - redis\n"
        );
    }

    #[test]
    fn an_alias_before_its_anchor_stays_unmoved() {
        let text = "x-b: *a\nx-a: &a 1\n";
        assert_eq!(reorder(text, 0, |k| (0, k.chars().rev().collect())), None);
        let reversed = "b: &a 1\na: *a\n";
        assert_eq!(reorder(reversed, 0, alphabetical), None);
    }

    #[test]
    fn the_last_entry_without_a_line_break_gets_one() {
        let text = "b: 1\na: 2";
        assert_eq!(reorder(text, 0, alphabetical).unwrap(), "a: 2\nb: 1\n");
    }
}
