//! The text format answers cross from the engine's worker in: one string
//! rather than thousands of JS fields. Numbers end with `;`; a string is
//! its byte length, `;`, then its bytes.

/// Writes numbers and strings one after another.
#[derive(Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    pub fn num(&mut self, n: usize) {
        self.out.push_str(&n.to_string());
        self.out.push(';');
    }

    pub fn text(&mut self, s: &str) {
        self.num(s.len());
        self.out.push_str(s);
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Reads what a [`Writer`] wrote, in the same order; `None` as soon as the
/// text is not what was expected.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader { text, at: 0 }
    }

    pub fn num(&mut self) -> Option<usize> {
        let rest = self.text.get(self.at..)?;
        let end = rest.find(';')?;
        let n = rest[..end].parse().ok()?;
        self.at += end + 1;
        Some(n)
    }

    pub fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.num()?).ok()
    }

    pub fn text(&mut self) -> Option<&'a str> {
        let len = self.num()?;
        let s = self.text.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(s)
    }

    /// A count of items still to read, checked against what is left (each
    /// item takes at least one byte), so that a damaged text cannot make a
    /// large allocation.
    pub fn count(&mut self) -> Option<usize> {
        let n = self.num()?;
        (n <= self.text.len() - self.at).then_some(n)
    }

    /// Whether everything was read.
    pub fn finished(&self) -> bool {
        self.at == self.text.len()
    }
}

/// Checks that `decode` refuses `text` cut short anywhere or with a byte
/// too many: a damaged answer is never drawn.
#[cfg(test)]
pub fn assert_refuses_damage<T: std::fmt::Debug + PartialEq>(
    text: &str,
    decode: fn(&str) -> Option<T>,
) {
    for mut cut in [0, 1, text.len() / 2, text.len() - 1] {
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        assert_eq!(decode(&text[..cut]), None, "cut at {cut}");
    }
    assert_eq!(decode(&format!("{text}x")), None);
    assert_eq!(decode("99999999;"), None);
}
