//! Byte offsets (the engine's) to the editor's offsets: UTF-16 code units,
//! with a `\r\n` line break counted once, as CodeMirror counts every line
//! break as one position — and back, to apply the editor's edits to a text.

use std::rc::Rc;

/// Editor offsets of the given byte offsets in `text`, in the same order.
/// One pass over the text, whatever the number of offsets. Offsets past the
/// end or inside a char are clamped back to a char boundary first.
pub fn utf16_offsets(text: &str, byte_offsets: &[usize]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets[i]);
    let mut result = vec![0u32; byte_offsets.len()];
    let mut chars = text.char_indices().peekable();
    let mut units = 0u32;
    let mut after_cr = false;
    for i in order {
        let target = byte_offsets[i].min(text.len());
        while let Some(&(at, c)) = chars.peek() {
            if at + c.len_utf8() > target {
                break;
            }
            if !(c == '\n' && after_cr) {
                units += c.len_utf16() as u32;
            }
            after_cr = c == '\r';
            chars.next();
        }
        result[i] = units;
    }
    result
}

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

/// Plain ASCII without `\r`: editor offsets are byte offsets.
fn is_plain(text: &str) -> bool {
    text.is_ascii() && !text.contains('\r')
}

/// A text kept in step with the editor's copy of it by the editor's edits,
/// with what makes an edit cheap to apply: its length in editor offsets,
/// and whether it is plain (then offsets need no walk over the text).
#[derive(Clone, Debug)]
pub struct Tracked {
    pub text: Rc<str>,
    pub length: u32,
    plain: bool,
}

impl Tracked {
    pub fn new(text: Rc<str>) -> Tracked {
        Tracked {
            length: editor_length(&text),
            plain: is_plain(&text),
            text,
        }
    }

    /// The text after `edits`, or `None` when they do not fit it or the
    /// editor's `length` after them is not this text's (then the caller
    /// reads the whole text instead).
    pub fn edit(&self, edits: &[Edit], length: u32) -> Option<Tracked> {
        let plain = self.plain && edits.iter().all(|e| is_plain(&e.insert));
        let text = if plain {
            apply_plain(&self.text, edits)?
        } else {
            apply_edits(&self.text, edits)?
        };
        let edited = Tracked {
            length: if plain {
                text.len() as u32
            } else {
                editor_length(&text)
            },
            plain,
            text: Rc::from(text),
        };
        (edited.length == length).then_some(edited)
    }
}

/// [`apply_edits`] on a plain text, where offsets need no walk.
fn apply_plain(text: &str, edits: &[Edit]) -> Option<String> {
    let inserted: usize = edits.iter().map(|e| e.insert.len()).sum();
    let mut out = String::with_capacity(text.len() + inserted);
    let mut at = 0usize;
    for edit in edits {
        let (from, to) = (edit.from as usize, edit.to as usize);
        if from < at || to < from || to > text.len() {
            return None;
        }
        out.push_str(&text[at..from]);
        out.push_str(&edit.insert);
        at = to;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// One edit as the editor reports it: the range `from..to` of the old text,
/// in editor offsets, replaced by `insert`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub from: u32,
    pub to: u32,
    pub insert: String,
}

/// `text` with `edits` applied (ranges of the old text, in order, not
/// overlapping, as CodeMirror lists a change set); `None` when they are
/// not that (out of order, or past the end), so that the caller asks the
/// editor for the whole text instead.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let inserted: usize = edits.iter().map(|e| e.insert.len()).sum();
    let mut out = String::with_capacity(text.len() + inserted);
    let mut walk = Walk::new(text);
    for edit in edits {
        if edit.to < edit.from {
            return None;
        }
        let start = walk.at;
        walk.advance_to(edit.from)?;
        out.push_str(&text[start..walk.at]);
        walk.advance_to(edit.to)?;
        out.push_str(&edit.insert);
    }
    out.push_str(&text[walk.at..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_surrogate_pairs_as_two_units() {
        let text = "aé😀b";
        assert_eq!(
            utf16_offsets(text, &[0, 1, 3, 7, 8, 99]),
            [0, 1, 2, 4, 5, 5]
        );
        assert_eq!(utf16_offsets(text, &[8, 0, 5]), [5, 0, 2]);
    }

    #[test]
    fn a_crlf_line_break_is_one_position() {
        let text = "a\r\nb\rc\nd";
        assert_eq!(
            utf16_offsets(text, &[0, 1, 3, 4, 5, 6, 7, 8]),
            [0, 1, 2, 3, 4, 5, 6, 7]
        );
    }

    fn edit(from: u32, to: u32, insert: &str) -> Edit {
        Edit {
            from,
            to,
            insert: insert.into(),
        }
    }

    #[test]
    fn edits_apply_in_editor_offsets() {
        let text = "aé😀b\r\nc";
        // Editor offsets: a 0, é 1, 😀 2..4, b 4, \r\n 5, c 6, end 7.
        assert_eq!(editor_length(text), 7);
        assert_eq!(apply_edits(text, &[edit(4, 5, "B")]).unwrap(), "aé😀B\r\nc");
        assert_eq!(apply_edits(text, &[edit(5, 6, "")]).unwrap(), "aé😀bc");
        assert_eq!(
            apply_edits(text, &[edit(0, 1, "x"), edit(2, 4, ""), edit(7, 7, "!")]).unwrap(),
            "xébc!".replace("bc", "b\r\nc")
        );
        assert_eq!(apply_edits(text, &[]).unwrap(), text);
        assert_eq!(apply_edits("", &[edit(0, 0, "FROM x")]).unwrap(), "FROM x");
    }

    #[test]
    fn edits_that_do_not_fit_the_text_are_refused() {
        // Past the end, out of order, reversed, or inside a surrogate pair.
        assert_eq!(apply_edits("abc", &[edit(2, 9, "")]), None);
        assert_eq!(apply_edits("abc", &[edit(2, 3, ""), edit(0, 1, "")]), None);
        assert_eq!(apply_edits("abc", &[edit(2, 1, "")]), None);
        assert_eq!(apply_edits("😀", &[edit(1, 1, "x")]), None);
    }

    #[test]
    fn the_edited_text_is_what_the_editor_holds() {
        // Typing, deleting and pasting at every offset of a mixed text
        // gives the same text as editing its chars directly.
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
        for &(byte, unit) in &units {
            let typed = apply_edits(text, &[edit(unit, unit, "x")]).unwrap();
            assert_eq!(typed, format!("{}x{}", &text[..byte], &text[byte..]));
            assert_eq!(editor_length(&typed), editor_length(text) + 1);
        }
        for pair in units.windows(2) {
            let ((a, ua), (b, ub)) = (pair[0], pair[1]);
            let deleted = apply_edits(text, &[edit(ua, ub, "")]).unwrap();
            assert_eq!(deleted, format!("{}{}", &text[..a], &text[b..]));
        }
    }

    #[test]
    fn a_tracked_text_follows_the_edits_and_checks_the_length() {
        let plain = Tracked::new(Rc::from("FROM a\nRUN b\n"));
        let typed = plain.edit(&[edit(13, 13, "x")], 14).unwrap();
        assert_eq!(&*typed.text, "FROM a\nRUN b\nx");
        // Not plain any more: offsets are walked from then on.
        let accented = typed.edit(&[edit(0, 0, "é")], 15).unwrap();
        assert_eq!(&*accented.text, "éFROM a\nRUN b\nx");
        let after = accented.edit(&[edit(1, 5, "COPY")], 15).unwrap();
        assert_eq!(&*after.text, "éCOPY a\nRUN b\nx");
        // A length that disagrees with the editor's, or an edit past the end.
        assert!(plain.edit(&[edit(13, 13, "x")], 15).is_none());
        assert!(plain.edit(&[edit(13, 20, "")], 13).is_none());
        let crlf = Tracked::new(Rc::from("a\r\nb"));
        assert_eq!(crlf.length, 3);
        assert_eq!(
            &*crlf.edit(&[edit(2, 2, "\r\n")], 4).unwrap().text,
            "a\r\n\r\nb"
        );
    }
}
