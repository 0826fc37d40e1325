//! The editor's offsets of the engine's byte offsets: UTF-16 code units,
//! with a `\r\n` line break counted once, as CodeMirror counts them. Every
//! host that draws findings in a browser editor needs this: the page, and
//! its first findings before the page's engine arrives.

/// Editor offsets of the given byte offsets in `text`, in the same order.
/// One pass over the text, whatever the number of offsets. Offsets past the
/// end or inside a char are clamped back to a char boundary first.
pub fn utf16_offsets(text: &str, byte_offsets: &[usize]) -> Vec<u32> {
    offsets(text, byte_offsets, true)
}

/// JavaScript string indices (UTF-16 code units, a `\r\n` counted as two)
/// of the given byte offsets, in the same order: what a JavaScript caller
/// slices the text it passed with (the npm package's findings).
pub fn js_string_offsets(text: &str, byte_offsets: &[usize]) -> Vec<u32> {
    offsets(text, byte_offsets, false)
}

fn offsets(text: &str, byte_offsets: &[usize], crlf_as_one: bool) -> Vec<u32> {
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    crate::sort::sort_by_key(&mut order, |&i| byte_offsets[i]);
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
            if !(crlf_as_one && c == '\n' && after_cr) {
                units += c.len_utf16() as u32;
            }
            after_cr = c == '\r';
            chars.next();
        }
        result[i] = units;
    }
    result
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
}
