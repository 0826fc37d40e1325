//! The exec-form (JSON array) reader, with Go `encoding/json` semantics.
//!
//! BuildKit decides between exec form and shell form by handing the argument
//! text to Go's `json.Unmarshal` into `[]any`. Any syntax error means "shell
//! form" silently; a valid array holding anything but strings is a hard error.
//! This module reproduces exactly that split without a JSON dependency.

/// Go's decoder refuses nesting deeper than this.
const MAX_DEPTH: usize = 10_000;

#[derive(Debug, PartialEq, Eq)]
pub enum JsonArrayError {
    /// Not valid JSON (or not an array): BuildKit falls back to shell form.
    NotJson,
    /// Valid JSON array with an element that is not a string: a hard error.
    NotStringArray,
}

/// One decoded string element and the byte range of its token (quotes
/// included) within the input.
#[derive(Debug, PartialEq, Eq)]
pub struct JsonString {
    pub value: String,
    pub start: usize,
    pub end: usize,
}

/// Reads `text` as a JSON array of strings.
pub fn parse_string_array(text: &str) -> Result<Vec<JsonString>, JsonArrayError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    reader.skip_ws();
    if reader.peek() != Some(b'[') {
        return Err(JsonArrayError::NotJson);
    }
    let mut strings = Vec::new();
    let mut only_strings = true;
    reader.pos += 1;
    reader.skip_ws();
    if reader.peek() == Some(b']') {
        reader.pos += 1;
    } else {
        loop {
            reader.skip_ws();
            if reader.peek() == Some(b'"') {
                let start = reader.pos;
                let value = reader.string().ok_or(JsonArrayError::NotJson)?;
                strings.push(JsonString {
                    value,
                    start,
                    end: reader.pos,
                });
            } else {
                reader.value(1).ok_or(JsonArrayError::NotJson)?;
                only_strings = false;
            }
            reader.skip_ws();
            match reader.next() {
                Some(b',') => continue,
                Some(b']') => break,
                _ => return Err(JsonArrayError::NotJson),
            }
        }
    }
    reader.skip_ws();
    if reader.pos != reader.bytes.len() {
        return Err(JsonArrayError::NotJson);
    }
    if only_strings {
        Ok(strings)
    } else {
        Err(JsonArrayError::NotStringArray)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Validates any JSON value. Containers are tracked on an explicit stack,
    /// so hostile nesting costs memory linear in the input, never recursion.
    fn value(&mut self, depth: usize) -> Option<()> {
        let mut stack: Vec<u8> = Vec::new();
        loop {
            self.skip_ws();
            // Read one value start; containers push and continue.
            match self.peek()? {
                b'[' | b'{' => {
                    let open = self.next()?;
                    if depth + stack.len() + 1 > MAX_DEPTH {
                        return None;
                    }
                    stack.push(open);
                    self.skip_ws();
                    let close = if open == b'[' { b']' } else { b'}' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        stack.pop();
                    } else {
                        if open == b'{' {
                            self.object_key()?;
                        }
                        continue;
                    }
                }
                b'"' => {
                    self.string()?;
                }
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'n' => self.literal(b"null")?,
                _ => self.number()?,
            }
            // After a complete value: close containers or move to the next element.
            loop {
                let Some(&open) = stack.last() else {
                    return Some(());
                };
                self.skip_ws();
                let close = if open == b'[' { b']' } else { b'}' };
                match self.next()? {
                    b',' => {
                        if open == b'{' {
                            self.skip_ws();
                            self.object_key()?;
                        }
                        break;
                    }
                    b if b == close => {
                        stack.pop();
                    }
                    _ => return None,
                }
            }
        }
    }

    fn object_key(&mut self) -> Option<()> {
        if self.peek()? != b'"' {
            return None;
        }
        self.string()?;
        self.skip_ws();
        (self.next()? == b':').then_some(())
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Some(())
        } else {
            None
        }
    }

    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.expect_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.expect_digits()?;
        }
        Some(())
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn expect_digits(&mut self) -> Option<()> {
        let start = self.pos;
        self.digits();
        (self.pos > start).then_some(())
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    /// Reads a string token and decodes it as Go does: bad surrogates become U+FFFD.
    fn string(&mut self) -> Option<String> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => {}
                _ => return None, // control character
            }
            match self.next()? {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'b' => out.push('\x08'),
                b'f' => out.push('\x0c'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'u' => {
                    let unit = self.hex4()?;
                    out.push(self.surrogate_aware(unit)?);
                }
                _ => return None,
            }
        }
    }

    fn surrogate_aware(&mut self, unit: u32) -> Option<char> {
        if !(0xd800..0xe000).contains(&unit) {
            return char::from_u32(unit);
        }
        if unit < 0xdc00 && self.bytes[self.pos..].starts_with(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            if let Some(low) = self.hex4() {
                if (0xdc00..0xe000).contains(&low) {
                    return char::from_u32(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
                }
            }
            // Not a pair: Go emits U+FFFD and decodes the next escape on its own.
            self.pos = save;
        }
        Some('\u{fffd}')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Result<Vec<String>, JsonArrayError> {
        parse_string_array(text).map(|v| v.into_iter().map(|s| s.value).collect())
    }

    #[test]
    fn decodes_like_go() {
        assert_eq!(values(r#"[ "a", "b\u0000\/" ]"#).unwrap(), ["a", "b\0/"]);
        assert_eq!(values("[]").unwrap(), Vec::<String>::new());
        assert_eq!(
            values(r#"["\ud83d\ude00", "\ud800x"]"#).unwrap(),
            ["😀", "\u{fffd}x"]
        );
    }

    #[test]
    fn syntax_errors_fall_back_and_non_strings_are_errors() {
        assert_eq!(values("['a']"), Err(JsonArrayError::NotJson));
        assert_eq!(values(r#"["a" "b"]"#), Err(JsonArrayError::NotJson));
        assert_eq!(values(r#"["a"] x"#), Err(JsonArrayError::NotJson));
        assert_eq!(values(r#"["a", 01]"#), Err(JsonArrayError::NotJson));
        assert_eq!(
            values(r#"["a", ["b"]]"#),
            Err(JsonArrayError::NotStringArray)
        );
        assert_eq!(
            values(r#"[null, {"k": [1, 2.5e3]}]"#),
            Err(JsonArrayError::NotStringArray)
        );
        assert_eq!(values(&"[".repeat(20_000)), Err(JsonArrayError::NotJson));
    }
}
