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
        if let Some(fix) = &finding.fix {
            assert!(fix.is_valid_for(&text));
        }
    }
    // Quick fixes and the service graph take any text.
    let fixed = dockwright_core::fix::fix_text(&text, |t| lint(FileKind::Compose, t), None);
    let errors = |t: &str| {
        lint(FileKind::Compose, t)
            .iter()
            .filter(|d| d.severity == dockwright_core::Severity::Error)
            .count()
    };
    assert!(errors(&fixed.text) <= errors(&text));
    if let Some(root) = dockwright_core::yaml::parse(&text).root {
        let _ = dockwright_core::graph::service_graph(&root).to_svg();
    }
});
