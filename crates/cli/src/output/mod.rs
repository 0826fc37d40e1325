//! Output formats of `dockwright lint`: one [`Record`] per finding, written
//! for people (`text`, `concise`), for CI systems (`github`, `sarif`,
//! `checkstyle`, `codeclimate`, `gitlab`, `gnu`) or for programs (`json`).
//! The formats hadolint also writes keep hadolint's shape, so that a
//! pipeline built for hadolint reads ours unchanged.

mod ci;
mod sarif;
mod text;

use std::io::{self, Write};
use std::path::Path;

use clap::ValueEnum;
use dockwright_core::{Diagnostic, LineIndex, Severity};
use serde::Serialize;

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum Format {
    /// Each finding with its source lines, the span underlined (as rustc and ruff write them).
    #[value(alias = "tty")]
    Text,
    /// One line per finding: file:line:col: severity code: message.
    Concise,
    /// An array of findings (hadolint's fields, and more).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other viewers.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// Code Climate engine issues (NUL-separated JSON objects).
    Codeclimate,
    /// GitLab's code quality report.
    #[value(alias = "gitlab_codeclimate")]
    Gitlab,
    /// GNU's file:line:col: message lines, as compilers write them.
    Gnu,
}

/// One finding, with its place in 1-based lines and columns (end exclusive).
#[derive(Serialize)]
pub struct Record {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub code: &'static str,
    pub aliases: &'static [&'static str],
    pub severity: Severity,
    /// hadolint's name for the severity, so that hadolint's readers find it.
    pub level: Severity,
    pub message: String,
    /// The quick fix `dockwright fix` would apply, in the same positions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<RecordFix>,
    /// The source lines the finding covers, for the text format.
    #[serde(skip)]
    pub excerpt: Excerpt,
}

#[derive(Serialize)]
pub struct RecordFix {
    pub title: String,
    pub edits: Vec<RecordEdit>,
}

#[derive(Serialize)]
pub struct RecordEdit {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: String,
}

/// The lines a finding covers (at most [`Excerpt::MAX_LINES`]), and its
/// span as byte offsets into them.
#[derive(Default)]
pub struct Excerpt {
    pub first_line: usize,
    pub text: String,
    pub span: std::ops::Range<usize>,
}

impl Excerpt {
    /// More lines than this are cut: a finding on a whole stage would
    /// otherwise print the stage.
    const MAX_LINES: usize = 6;

    fn new(text: &str, index: &LineIndex, span: std::ops::Range<usize>) -> Excerpt {
        let start = index.line_col(span.start);
        let end = index.line_col(span.end);
        // A span that ends at a line break ends on the line before.
        let last = if end.line > start.line && end.column == 1 {
            end.line - 1
        } else {
            end.line
        };
        let last = last.min(start.line + Self::MAX_LINES - 1);
        let from = index.line_start(start.line);
        let mut to = index.line_start(last + 1).max(from);
        let excerpt = text[from..to].trim_end_matches(['\n', '\r']);
        to = from + excerpt.len();
        let span_start = span.start.clamp(from, to);
        let span_end = span.end.clamp(span_start, to);
        Excerpt {
            first_line: start.line,
            text: excerpt.to_string(),
            span: span_start - from..span_end - from,
        }
    }
}

impl Record {
    pub fn new(path: &Path, text: &str, index: &LineIndex, d: Diagnostic) -> Record {
        let start = index.line_col(d.span.start);
        let end = index.line_col(d.span.end);
        Record {
            file: path.display().to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            code: d.code,
            aliases: d.aliases,
            severity: d.severity,
            level: d.severity,
            excerpt: Excerpt::new(text, index, d.span.start..d.span.end),
            message: d.message,
            fix: d.fix.map(|fix| RecordFix {
                title: fix.title,
                edits: fix
                    .edits
                    .into_iter()
                    .map(|e| {
                        let (s, t) = (index.line_col(e.span.start), index.line_col(e.span.end));
                        RecordEdit {
                            line: s.line,
                            column: s.column,
                            end_line: t.line,
                            end_column: t.column,
                            text: e.text,
                        }
                    })
                    .collect(),
            }),
        }
    }
}

pub fn write(
    out: &mut impl Write,
    format: Format,
    records: &[Record],
    file_count: usize,
) -> io::Result<()> {
    match format {
        Format::Text => text::full(out, records, file_count),
        Format::Concise => text::concise(out, records, file_count),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, records).map_err(io::Error::from)?;
            writeln!(out)
        }
        Format::Sarif => sarif::write(out, records),
        Format::Github => ci::github(out, records),
        Format::Checkstyle => ci::checkstyle(out, records),
        Format::Codeclimate => ci::codeclimate(out, records),
        Format::Gitlab => ci::gitlab(out, records),
        Format::Gnu => ci::gnu(out, records),
    }
}

/// What the engine's own error codes mean (they are not rules).
fn error_summary(code: &str) -> &'static str {
    match code {
        "syntax-error" => "The file cannot be read: Docker refuses it",
        "build-error" => "Dockerfile error that makes the build fail",
        "invalid-schema" => "The compose file breaks the Compose Specification schema",
        "config-error" => "docker compose config refuses the file",
        _ => "Error that Docker refuses",
    }
}
