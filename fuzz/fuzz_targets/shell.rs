//! Coverage-guided fuzzing of the shell reader and the shell checks:
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run shell --sanitizer none -- -max_total_time=600`
//! Each input is read as a script, and linted as the script of a RUN (with
//! continuations) and of a heredoc.
#![no_main]

use dockwright_core::{lint, FileKind};
use libfuzzer_sys::fuzz_target;

fn check_spans(text: &str) {
    for finding in lint(FileKind::Dockerfile, text) {
        assert!(finding.span.start <= finding.span.end && finding.span.end <= text.len());
        assert!(text.is_char_boundary(finding.span.start) && text.is_char_boundary(finding.span.end));
        if let Some(fix) = &finding.fix {
            assert!(fix.is_valid_for(text));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let script = String::from_utf8_lossy(data);
    let parsed = dockwright_core::shell::parse(&script);
    for error in &parsed.errors {
        assert!(error.span.start <= error.span.end && error.span.end <= script.len());
        assert!(script.is_char_boundary(error.span.start) && script.is_char_boundary(error.span.end));
    }
    let continued = script.replace('\n', " \\\n");
    check_spans(&format!("FROM alpine\nARG V=1\nRUN {continued}\n"));
    check_spans(&format!("FROM alpine\nSHELL [\"/bin/bash\", \"-c\"]\nRUN <<EOF\n{script}\nEOF\n"));
});
