//! Byte offsets (the engine's) to the editor's offsets: UTF-16 code units,
//! with a `\r\n` line break counted once, as CodeMirror counts every line
//! break as one position — and back, to apply the editor's edits to a text.
//! The way there is the engine's (`dockwright_core::editor_offsets`).

pub use dockwright_core::editor_offsets::utf16_offsets;

/// The length of `text` in editor offsets.
pub fn editor_length(text: &str) -> u32 {
    let mut walk = Walk::new(text);
    walk.walk_to_end();
    walk.units
}

/// A walk over a text that keeps its byte offset and editor offset in
/// step; runs of plain ASCII (most of a Dockerfile) are crossed at once.
struct Walk<'a> {
    text: &'a str,
    at: usize,
    units: u32,
}

impl<'a> Walk<'a> {
    fn new(text: &'a str) -> Self {
        Walk {
            text,
            at: 0,
            units: 0,
        }
    }

    /// Moves to editor offset `target`; `None` when it lies past the end
    /// or inside a char.
    fn advance_to(&mut self, target: u32) -> Option<()> {
        let bytes = self.text.as_bytes();
        while self.units < target {
            let rest = &bytes[self.at..];
            // Bytes of plain ASCII other than `\r` are one position each.
            let run = rest
                .iter()
                .position(|&b| b >= 0x80 || b == b'\r')
                .unwrap_or(rest.len());
            let needed = (target - self.units) as usize;
            if needed <= run {
                self.at += needed;
                self.units = target;
                return Some(());
            }
            self.at += run;
            self.units += run as u32;
            self.step()?;
        }
        (self.units == target).then_some(())
    }

    /// Crosses one char (a `\r\n` is one position).
    fn step(&mut self) -> Option<()> {
        let c = self.text[self.at..].chars().next()?;
        self.at += c.len_utf8();
        if c == '\r' && self.text.as_bytes().get(self.at) == Some(&b'\n') {
            self.at += 1;
            self.units += 1;
        } else {
            self.units += c.len_utf16() as u32;
        }
        Some(())
    }

    fn walk_to_end(&mut self) {
        let _ = self.advance_to(u32::MAX);
    }
}

/// The byte offset of editor offset `offset` in `text`, or `None` when it
/// lies past the end or inside a char.
pub fn byte_offset(text: &str, offset: u32) -> Option<usize> {
    let mut walk = Walk::new(text);
    walk.advance_to(offset)?;
    Some(walk.at)
}

/// Plain ASCII without `\r`: editor offsets are byte offsets.
fn is_plain(text: &str) -> bool {
    text.is_ascii() && !text.contains('\r')
}

/// One edit as the editor reports it: the range `from..to` of the old text,
/// in editor offsets, replaced by `insert`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub from: u32,
    pub to: u32,
    pub insert: String,
}

/// A text kept in step with the editor's copy of it by the editor's edits,
/// edited in place (typing at the end of a large file moves nothing), with
/// what makes an edit cheap: its length in editor offsets, and whether it
/// is plain (then offsets are byte offsets and need no walk).
#[derive(Clone, Debug)]
pub struct Tracked {
    text: String,
    pub length: u32,
    plain: bool,
    /// The text holds a `\r`: its length is counted again after each edit,
    /// as `\r` and `\n` may join into one position or part.
    has_cr: bool,
}

impl Tracked {
    pub fn new(text: &str) -> Tracked {
        Tracked {
            length: editor_length(text),
            plain: is_plain(text),
            has_cr: text.contains('\r'),
            text: text.to_string(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The byte offset of editor offset `offset`: no walk for plain text.
    pub fn byte_offset(&self, offset: u32) -> Option<usize> {
        if self.plain {
            return ((offset as usize) <= self.text.len()).then_some(offset as usize);
        }
        byte_offset(&self.text, offset)
    }

    /// Applies `edits` (ranges of the text before them, in order, not
    /// overlapping, as CodeMirror lists a change set). False when they do
    /// not fit the text (out of order, past the end, inside a char), or
    /// when the editor's `length` after them is not this text's: then the
    /// text is no longer to be trusted and the caller reads the whole one.
    pub fn edit(&mut self, edits: &[Edit], length: u32) -> bool {
        let Some(ranges) = self.byte_ranges(edits) else {
            return false;
        };
        let mut length_now = i64::from(self.length);
        for (edit, range) in edits.iter().zip(&ranges).rev() {
            length_now += i64::from(editor_length(&edit.insert)) - i64::from(edit.to - edit.from);
            self.text.replace_range(range.clone(), &edit.insert);
        }
        self.plain = self.plain && edits.iter().all(|e| is_plain(&e.insert));
        self.has_cr = self.has_cr || edits.iter().any(|e| e.insert.contains('\r'));
        self.length = if self.has_cr {
            editor_length(&self.text)
        } else {
            u32::try_from(length_now).unwrap_or(u32::MAX)
        };
        self.length == length
    }

    /// The byte range of each edit, or `None` when one does not fit.
    fn byte_ranges(&self, edits: &[Edit]) -> Option<Vec<std::ops::Range<usize>>> {
        let mut ranges = Vec::with_capacity(edits.len());
        let mut walk = Walk::new(&self.text);
        let mut last = 0u32;
        for edit in edits {
            if edit.to < edit.from || edit.from < last {
                return None;
            }
            last = edit.to;
            let range = if self.plain {
                let (from, to) = (edit.from as usize, edit.to as usize);
                (to <= self.text.len()).then_some(from..to)?
            } else {
                walk.advance_to(edit.from)?;
                let from = walk.at;
                walk.advance_to(edit.to)?;
                from..walk.at
            };
            ranges.push(range);
        }
        Some(ranges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(from: u32, to: u32, insert: &str) -> Edit {
        Edit {
            from,
            to,
            insert: insert.into(),
        }
    }

    /// The text after `edits`, or `None` when the tracked text refuses
    /// them or disagrees with the editor's length.
    fn edited(text: &str, edits: &[Edit], length: u32) -> Option<String> {
        let mut tracked = Tracked::new(text);
        tracked
            .edit(edits, length)
            .then(|| tracked.text().to_string())
    }

    #[test]
    fn edits_apply_in_editor_offsets() {
        let text = "aé😀b\r\nc";
        // Editor offsets: a 0, é 1, 😀 2..4, b 4, \r\n 5, c 6, end 7.
        assert_eq!(editor_length(text), 7);
        assert_eq!(edited(text, &[edit(4, 5, "B")], 7).unwrap(), "aé😀B\r\nc");
        assert_eq!(edited(text, &[edit(5, 6, "")], 6).unwrap(), "aé😀bc");
        assert_eq!(
            edited(text, &[edit(0, 1, "x"), edit(2, 4, ""), edit(7, 7, "!")], 6).unwrap(),
            "xéb\r\nc!"
        );
        assert_eq!(edited(text, &[], 7).unwrap(), text);
        assert_eq!(edited("", &[edit(0, 0, "FROM x")], 6).unwrap(), "FROM x");
    }

    #[test]
    fn edits_that_do_not_fit_the_text_are_refused() {
        // Past the end, out of order, reversed, or inside a surrogate pair.
        assert_eq!(edited("abc", &[edit(2, 9, "")], 2), None);
        assert_eq!(edited("abc", &[edit(2, 3, ""), edit(0, 1, "")], 1), None);
        assert_eq!(edited("abc", &[edit(2, 1, "")], 3), None);
        assert_eq!(edited("😀", &[edit(1, 1, "x")], 3), None);
        // A length the editor does not have.
        assert_eq!(edited("abc", &[edit(3, 3, "d")], 5), None);
    }

    #[test]
    fn the_edited_text_is_what_the_editor_holds() {
        // Typing and deleting at every offset of a mixed text gives the
        // same text as editing its chars directly.
        let text = "FROM a\r\n\nRUN é 😀\nb\r\r\n";
        let units: Vec<(usize, u32)> = {
            let mut all: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            all.push(text.len());
            all.retain(|&i| {
                !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text[i..].starts_with('\n'))
            });
            let offsets = utf16_offsets(text, &all);
            all.into_iter().zip(offsets).collect()
        };
        let length = editor_length(text);
        for &(byte, unit) in &units {
            let typed = edited(text, &[edit(unit, unit, "x")], length + 1).unwrap();
            assert_eq!(typed, format!("{}x{}", &text[..byte], &text[byte..]));
        }
        for pair in units.windows(2) {
            let ((a, ua), (b, ub)) = (pair[0], pair[1]);
            let deleted = format!("{}{}", &text[..a], &text[b..]);
            let length = editor_length(&deleted);
            assert_eq!(edited(text, &[edit(ua, ub, "")], length).unwrap(), deleted);
        }
    }

    #[test]
    fn a_tracked_text_follows_the_edits_and_checks_the_length() {
        let mut tracked = Tracked::new("FROM a\nRUN b\n");
        assert!(tracked.edit(&[edit(13, 13, "x")], 14));
        assert_eq!(tracked.text(), "FROM a\nRUN b\nx");
        // Not plain any more: offsets are walked from then on.
        assert!(tracked.edit(&[edit(0, 0, "é")], 15));
        assert!(tracked.edit(&[edit(1, 5, "COPY")], 15));
        assert_eq!(tracked.text(), "éCOPY a\nRUN b\nx");
        // Deleting between a lone \r and a \n joins two line breaks into
        // one position: the editor, which split them, disagrees, and the
        // caller reads the whole text.
        let mut joined = Tracked::new("a\rX\nb");
        assert_eq!(joined.length, 5);
        assert!(!joined.edit(&[edit(2, 3, "")], 4));
        let mut crlf = Tracked::new("a\r\nb");
        assert_eq!(crlf.length, 3);
        assert!(crlf.edit(&[edit(2, 2, "\r\n")], 4));
        assert_eq!(crlf.text(), "a\r\n\r\nb");
    }
}
