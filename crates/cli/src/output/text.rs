//! The formats for people: `text` prints each finding as rustc and ruff do
//! (a `severity[code]: message` title, the `--> file:line:col` header, the
//! source lines with the span underlined, a one-line hint), in colour when
//! the output is a terminal and `NO_COLOR` is unset (anstream decides, with
//! `--color`); `concise` prints one `file:line:col` line per finding.

use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use dockwright_core::rules::registry;
use dockwright_core::Severity;

use super::Record;

pub fn full(out: &mut impl Write, records: &[Record], file_count: usize) -> io::Result<()> {
    let renderer = Renderer::styled().decor_style(DecorStyle::Ascii);
    for record in records {
        let rendered = renderer.render(&report(record));
        writeln!(out, "{rendered}\n")?;
    }
    summary(out, records, file_count)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Style => Level::NOTE.with_name(Some("style")),
    }
}

fn report(record: &Record) -> Vec<Group<'_>> {
    let excerpt = &record.excerpt;
    let title = level(record.severity)
        .primary_title(record.message.as_str())
        .id(record.code);
    let snippet = Snippet::source(excerpt.text.as_str())
        .line_start(excerpt.first_line)
        .path(record.file.as_str())
        .annotation(AnnotationKind::Primary.span(excerpt.span.clone()));
    let mut groups = vec![Group::with_title(title).element(snippet)];
    let hint = match (&record.fix, registry::find_meta(record.code)) {
        (Some(fix), _) => Some(
            Level::HELP.secondary_title(format!("{} (`dockwright fix` applies it)", fix.title)),
        ),
        // The rule's summary, unless the message already says it.
        (None, Some(meta)) if record.message.starts_with(meta.summary) => Some(
            Level::NOTE.secondary_title(format!("`dockwright rules {}` explains it", meta.code)),
        ),
        (None, Some(meta)) => Some(Level::NOTE.secondary_title(format!(
            "{} (`dockwright rules {}` explains it)",
            meta.summary.trim_end_matches('.'),
            meta.code
        ))),
        (None, None) => None,
    };
    groups.extend(hint.map(Group::with_title));
    groups
}

pub fn concise(out: &mut impl Write, records: &[Record], file_count: usize) -> io::Result<()> {
    for r in records {
        writeln!(
            out,
            "{}:{}:{}: {} {}: {}{}",
            r.file,
            r.line,
            r.column,
            r.severity.as_str(),
            r.code,
            r.message,
            if r.fix.is_some() { " [fixable]" } else { "" }
        )?;
    }
    summary(out, records, file_count)
}

fn summary(out: &mut impl Write, records: &[Record], file_count: usize) -> io::Result<()> {
    let errors = records
        .iter()
        .filter(|r| r.severity == Severity::Error)
        .count();
    let others = records.len() - errors;
    writeln!(
        out,
        "{file_count} file(s) checked: {errors} error(s), {others} other finding(s)"
    )?;
    let fixable = records.iter().filter(|r| r.fix.is_some()).count();
    if fixable > 0 {
        writeln!(
            out,
            "{fixable} fixable: `dockwright fix --dry-run PATH` shows the changes"
        )?;
    }
    Ok(())
}
