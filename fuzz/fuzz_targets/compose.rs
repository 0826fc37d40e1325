//! Coverage-guided fuzzing of the YAML reader and the compose engine:
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run compose --sanitizer none -- -max_total_time=600`
//! (seed it with `../shared/corpus/compose` for a head start).
#![no_main]

use dockwright_core::{lint, FileKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for finding in lint(FileKind::Compose, &text) {
        assert!(finding.span.start <= finding.span.end && finding.span.end <= text.len());
        assert!(text.is_char_boundary(finding.span.start) && text.is_char_boundary(finding.span.end));
    }
});
