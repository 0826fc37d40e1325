//! Output formats of `dockwright lint`.

use std::io::{self, Write};

use dockwright_core::rules::registry;
use dockwright_core::Severity;
use serde_json::json;

use crate::Record;

#[derive(Clone, Copy, PartialEq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
    Checkstyle,
}

impl Format {
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name {
            "text" => Format::Text,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            "github" => Format::Github,
            "checkstyle" => Format::Checkstyle,
            _ => return None,
        })
    }
}

pub fn write(
    out: &mut impl Write,
    format: Format,
    records: &[Record],
    file_count: usize,
) -> io::Result<()> {
    match format {
        Format::Text => text(out, records, file_count),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, records).map_err(io::Error::from)?;
            writeln!(out)
        }
        Format::Sarif => sarif(out, records),
        Format::Github => github(out, records),
        Format::Checkstyle => checkstyle(out, records),
    }
}

fn text(out: &mut impl Write, records: &[Record], file_count: usize) -> io::Result<()> {
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
            "{fixable} marked [fixable]: `dockwright fix --dry-run PATH` shows the changes"
        )?;
    }
    Ok(())
}

/// SARIF 2.1.0, as GitHub code scanning and other viewers read it.
fn sarif(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    };
    let mut codes: Vec<&str> = records.iter().map(|r| r.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<_> = codes
        .iter()
        .map(|code| match registry::find_meta(code) {
            Some(meta) => json!({
                "id": code,
                "shortDescription": { "text": meta.summary },
                "fullDescription": { "text": meta.summary },
                "help": { "text": registry::docs(code).unwrap_or_default(), "markdown": registry::docs(code).unwrap_or_default() },
                "defaultConfiguration": { "level": level(meta.severity) },
                "properties": { "aliases": meta.aliases },
            }),
            None => json!({
                "id": code,
                "shortDescription": { "text": error_summary(code) },
                "defaultConfiguration": { "level": "error" },
            }),
        })
        .collect();
    let results: Vec<_> = records
        .iter()
        .map(|r| {
            json!({
                "ruleId": r.code,
                "ruleIndex": codes.iter().position(|c| *c == r.code),
                "level": level(r.severity),
                "message": { "text": r.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&r.file) },
                        "region": {
                            "startLine": r.line,
                            "startColumn": r.column,
                            "endLine": r.end_line,
                            "endColumn": r.end_column,
                        },
                    },
                }],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "dockwright",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
    writeln!(out)
}

/// A path as a URI: `file://` for absolute paths, forward slashes, spaces
/// and other reserved characters percent-encoded.
fn uri(path: &str) -> String {
    let mut out = if path.starts_with('/') {
        String::from("file://")
    } else {
        String::new()
    };
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// GitHub Actions workflow commands: annotations on the pull request.
fn github(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    let escape_data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let escape_property = |s: &str| escape_data(s).replace(':', "%3A").replace(',', "%2C");
    for r in records {
        let command = match r.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Style => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&r.file),
            r.line,
            r.column,
            r.end_line,
            r.end_column,
            escape_property(r.code),
            escape_data(&r.message)
        )?;
    }
    Ok(())
}

/// Checkstyle XML, which many CI systems and editors import.
fn checkstyle(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    let xml = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&apos;")
    };
    writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>")?;
    writeln!(out, "<checkstyle version=\"4.3\">")?;
    let mut files: Vec<&str> = records.iter().map(|r| r.file.as_str()).collect();
    files.dedup();
    for file in files {
        writeln!(out, "  <file name=\"{}\">", xml(file))?;
        for r in records.iter().filter(|r| r.file == file) {
            let severity = match r.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "info",
            };
            writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"dockwright.{}\"/>",
                r.line,
                r.column,
                xml(&r.message),
                xml(r.code)
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
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
