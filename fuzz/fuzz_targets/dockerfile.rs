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
    let findings = lint(FileKind::Dockerfile, &text);
    for finding in &findings {
        assert!(finding.span.start <= finding.span.end && finding.span.end <= text.len());
        assert!(text.is_char_boundary(finding.span.start) && text.is_char_boundary(finding.span.end));
        if let Some(fix) = &finding.fix {
            assert!(fix.is_valid_for(&text));
        }
    }
    // Quick fixes, the pictures, the layer view and the scorecard take any text.
    let fixed = dockwright_core::fix::fix_text(&text, |t| lint(FileKind::Dockerfile, t), None);
    let errors = |t: &str| {
        lint(FileKind::Dockerfile, t)
            .iter()
            .filter(|d| d.severity == dockwright_core::Severity::Error)
            .count()
    };
    assert!(errors(&fixed.text) <= errors(&text));
    let _ = dockwright_core::graph::stage_graph(&parsed).to_svg();
    let _ = dockwright_core::layers::layer_rows(&text, &parsed);
    let _ = dockwright_core::patterns::scorecard::scorecard(&[("Dockerfile", &text)]);
});
