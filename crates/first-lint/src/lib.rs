//! The page's first findings. The page's own wasm holds every part of the
//! engine and the page (about three times the bytes); this module holds
//! only the Dockerfile lint, so that on a slow network the first file's
//! findings show in the early editor (`web/editor/boot.js`, through
//! `web/first-lint-worker.js`) long before the page has arrived. The page
//! then lints the whole project and its findings replace these.
//!
//! Only what the page would answer too is answered here: a file the page
//! lints as a Dockerfile, with default settings (the early editor asks only
//! when the saved workspace has no settings). Lint checks across files can
//! only add findings to a Dockerfile's own (`tests/first_findings.rs` in
//! the core checks it on every catalogue project), so these are a part of
//! the page's answer, never a different one.

use dockwright_core::editor_offsets::utf16_offsets;
use dockwright_core::{FileKind, Settings};
use wasm_bindgen::prelude::*;

const NO_FIX: u32 = u32::MAX;

/// The findings of one file, as the editor draws them
/// (`web/editor/diagnostics.js` reads the same layout as the page's).
#[wasm_bindgen]
pub struct FirstFindings {
    numbers: Vec<u32>,
    texts: String,
}

#[wasm_bindgen]
impl FirstFindings {
    /// Per finding: editor offsets `from`, `to`, the severity's index
    /// (error, warning, info, style), and 2^32-1: no quick fix (the page's
    /// findings bring them).
    #[wasm_bindgen(getter)]
    pub fn numbers(&self) -> Vec<u32> {
        self.numbers.clone()
    }

    /// Per finding: its code and its message, each ended by a NUL.
    #[wasm_bindgen(getter)]
    pub fn texts(&self) -> String {
        self.texts.clone()
    }
}

/// The findings of the file `name` holding `text`, or `None` when the page
/// would not lint it as a Dockerfile (this module has no other engine).
#[wasm_bindgen]
pub fn first_findings(name: &str, text: &str) -> Option<FirstFindings> {
    let base = name.rsplit('/').next().unwrap_or(name);
    if FileKind::from_name(base) != Some(FileKind::Dockerfile) {
        return None;
    }
    let findings = dockwright_core::lint::lint_dockerfile_with(text, &Settings::default());
    let offsets: Vec<usize> = findings
        .iter()
        .flat_map(|f| [f.span.start, f.span.end])
        .collect();
    let editor = utf16_offsets(text, &offsets);
    let mut numbers = Vec::with_capacity(findings.len() * 4);
    let mut texts = String::new();
    for (finding, span) in findings.iter().zip(editor.chunks_exact(2)) {
        numbers.extend([span[0], span[1], finding.severity as u32, NO_FIX]);
        for part in [finding.code, &finding.message] {
            // A NUL ends each part: one inside a message (quoted from the
            // file) must not end it early.
            texts.push_str(&part.replace('\0', "\u{fffd}"));
            texts.push('\0');
        }
    }
    Some(FirstFindings { numbers, texts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_for_dockerfiles_only() {
        assert!(first_findings("Dockerfile", "FROM alpine\n").is_some());
        assert!(first_findings("web/api.Dockerfile", "FROM alpine\n").is_some());
        assert!(first_findings("compose.yaml", "services: {}\n").is_none());
        assert!(first_findings(".dockerignore", ".git\n").is_none());
        assert!(first_findings("notes.txt", "FROM alpine\n").is_none());
    }

    #[test]
    fn findings_in_editor_offsets_with_their_code_and_message() {
        // "é" is two bytes and one editor position; the CRLF counts once.
        let text = "# é\r\nFROM ubuntu\nRUN cd /tmp\n";
        let answer = first_findings("Dockerfile", text).unwrap();
        let expected = dockwright_core::lint(FileKind::Dockerfile, text);
        assert!(!expected.is_empty());
        assert_eq!(answer.numbers.len(), expected.len() * 4);
        let texts: Vec<&str> = answer.texts.split('\0').collect();
        for (i, finding) in expected.iter().enumerate() {
            let before = text[..finding.span.start].replace("\r\n", "\n");
            let start = before.encode_utf16().count() as u32;
            assert_eq!(answer.numbers[4 * i], start, "{}", finding.code);
            assert_eq!(answer.numbers[4 * i + 2], finding.severity as u32);
            assert_eq!(texts[2 * i], finding.code);
            assert_eq!(texts[2 * i + 1], finding.message);
        }
    }
}
