//! What several test files share.
#![allow(dead_code)]

use std::path::Path;

/// Every file under `dir` as (`/`-separated path from `dir`, text), sorted.
pub fn files_under(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
                out.push((relative, text));
            }
        }
    }
    out.sort();
    out
}

/// A small deterministic generator (splitmix64) for the mutation tests.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The invariant every host relies on: a span lies inside its text, on char
/// boundaries.
pub fn assert_span(text: &str, span: dockwright_core::Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: {span:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} splits a char"
    );
}

/// A finding as the expected files show it:
/// `line:col-line:col severity code "text": message`.
pub fn render_finding(text: &str, d: &dockwright_core::Diagnostic) -> String {
    let index = dockwright_core::LineIndex::new(text);
    let (s, e) = (index.line_col(d.span.start), index.line_col(d.span.end));
    format!(
        "{}:{}-{}:{} {} {} {:?}: {}",
        s.line,
        s.column,
        e.line,
        e.column,
        d.severity.as_str(),
        d.code,
        &text[d.span.start..d.span.end],
        d.message
    )
}

/// A folder of `../shared/corpus` (beside the checkout), or `None` with a
/// message when it is absent.
pub fn shared(sub: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(sub);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} is absent (the shared corpus sits beside the checkout)",
            path.display()
        );
        None
    }
}
