//! The formats CI systems read: GitHub Actions annotations, Checkstyle XML,
//! Code Climate issues, GitLab's code quality report and GNU's lines. Where
//! hadolint writes the same format, the shape is hadolint's (its field
//! names, its severities, Checkstyle's `source` as the bare rule code), so
//! that a pipeline set up for hadolint reads ours unchanged.

use std::io::{self, Write};

use dockwright_core::Severity;
use serde_json::json;

use super::Record;

/// GitHub Actions workflow commands: annotations on the pull request.
pub fn github(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
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
pub fn checkstyle(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
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
                Severity::Info => "info",
                Severity::Style => "style",
            };
            writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{severity}\" message=\"{}\" source=\"{}\"/>",
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

/// Code Climate's severities, as hadolint maps its own onto them.
fn impact(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "blocker",
        Severity::Warning => "major",
        Severity::Info => "info",
        Severity::Style => "minor",
    }
}

fn issue(r: &Record) -> serde_json::Value {
    json!({
        "type": "issue",
        "check_name": r.code,
        "description": r.message,
        "categories": ["Bug Risk"],
        "location": {
            "path": r.file,
            "positions": {
                "begin": { "line": r.line, "column": r.column },
                "end": { "line": r.end_line, "column": r.end_column },
            },
        },
        "severity": impact(r.severity),
    })
}

/// Code Climate engine output: each issue a JSON object followed by a NUL.
pub fn codeclimate(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *out, &issue(r)).map_err(io::Error::from)?;
        out.write_all(b"\0")?;
    }
    Ok(())
}

/// GitLab's code quality report: Code Climate issues in one array, each
/// with a fingerprint GitLab tracks it by across runs (a SHA-1 of the
/// issue, as hadolint computes it; the line is part of it, as there).
pub fn gitlab(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    let issues: Vec<serde_json::Value> = records
        .iter()
        .map(|r| {
            let mut issue = issue(r);
            let fingerprint = sha1_smol::Sha1::from(issue.to_string())
                .digest()
                .to_string();
            issue["fingerprint"] = json!(fingerprint);
            issue
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues).map_err(io::Error::from)?;
    writeln!(out)
}

/// GNU's error format: `dockwright:file:line:col: message`, which editors'
/// compile modes jump to.
pub fn gnu(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    for r in records {
        writeln!(
            out,
            "dockwright:{}:{}:{}: {} {}: {}",
            r.file,
            r.line,
            r.column,
            r.code,
            r.severity.as_str(),
            r.message
        )?;
    }
    Ok(())
}
