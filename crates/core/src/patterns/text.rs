//! Writing a generated file line by line, with a note on the lines that
//! need one.

use super::GeneratedFile;

pub struct FileBuilder {
    path: String,
    text: String,
    lines: usize,
    notes: Vec<(usize, String)>,
}

impl FileBuilder {
    pub fn new(path: impl Into<String>) -> FileBuilder {
        FileBuilder {
            path: path.into(),
            text: String::new(),
            lines: 0,
            notes: Vec::new(),
        }
    }

    /// A line (or several, for a continued instruction) with no note.
    pub fn line(&mut self, text: impl AsRef<str>) -> &mut Self {
        for line in text.as_ref().split('\n') {
            self.text.push_str(line);
            self.text.push('\n');
            self.lines += 1;
        }
        self
    }

    /// A line (or several) and why it is written so; the note goes on its
    /// first line.
    pub fn explained(&mut self, text: impl AsRef<str>, why: impl Into<String>) -> &mut Self {
        self.notes.push((self.lines + 1, why.into()));
        self.line(text)
    }

    /// An empty line, but never two in a row or one at the start.
    pub fn blank(&mut self) -> &mut Self {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
            self.lines += 1;
        }
        self
    }

    pub fn build(&mut self) -> GeneratedFile {
        while self.text.ends_with("\n\n") {
            self.text.pop();
        }
        GeneratedFile {
            path: std::mem::take(&mut self.path),
            text: std::mem::take(&mut self.text),
            notes: std::mem::take(&mut self.notes),
        }
    }
}
