//! Coverage-guided fuzzing of the Dockerfile engine:
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run dockerfile --sanitizer none -- -max_total_time=600`
//! (seed it with `../shared/corpus/dockerfiles` for a head start).
#![no_main]

use dockwright_core::{lint, FileKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = dockwright_core::dockerfile::parse(&text);
    let _ = parsed.dump();
    for finding in lint(FileKind::Dockerfile, &text) {
        assert!(finding.span.start <= finding.span.end && finding.span.end <= text.len());
        assert!(text.is_char_boundary(finding.span.start) && text.is_char_boundary(finding.span.end));
    }
});
