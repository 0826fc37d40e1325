//! SARIF 2.1.0, as GitHub code scanning and other viewers read it. File
//! locations are URIs relative to the repository root (the nearest folder
//! up from here with a `.git`, else here) under the `uriBaseId`
//! `%SRCROOT%`, as code scanning expects; `..` and `.` segments are
//! resolved first, since SARIF forbids them. A file outside the root gets
//! an absolute `file://` URI.

use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use dockwright_core::rules::registry;
use dockwright_core::Severity;
use serde_json::{json, Value};

use super::{error_summary, Record};

const SRCROOT: &str = "%SRCROOT%";

pub fn write(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    let here = std::env::current_dir().unwrap_or_default();
    let root = repository_root(&here);
    let log = log(records, &here, &root);
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
    writeln!(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

fn log(records: &[Record], here: &Path, root: &Path) -> Value {
    let mut codes: Vec<&str> = records.iter().map(|r| r.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<Value> = codes.iter().map(|code| rule(code)).collect();
    let results: Vec<Value> = records
        .iter()
        .map(|r| {
            json!({
                "ruleId": r.code,
                "ruleIndex": codes.iter().position(|c| *c == r.code),
                "level": level(r.severity),
                "message": { "text": r.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact_location(&r.file, here, root),
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
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "dockwright",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "originalUriBaseIds": {
                SRCROOT: { "uri": directory_uri(root) },
            },
            // Columns count characters, as the other formats do.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn rule(code: &str) -> Value {
    match registry::find_meta(code) {
        Some(meta) => {
            let docs = registry::docs(code).unwrap_or_default();
            json!({
                "id": code,
                "shortDescription": { "text": meta.summary },
                "fullDescription": { "text": meta.summary },
                "help": { "text": docs, "markdown": docs },
                "defaultConfiguration": { "level": level(meta.severity) },
                "properties": { "aliases": meta.aliases },
            })
        }
        None => json!({
            "id": code,
            "shortDescription": { "text": error_summary(code) },
            "defaultConfiguration": { "level": "error" },
        }),
    }
}

/// The nearest folder from `start` up that holds `.git`, else `start`.
fn repository_root(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(start)
        .to_path_buf()
}

/// A path with `.` and `..` resolved by its text (the file need not exist).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn artifact_location(file: &str, here: &Path, root: &Path) -> Value {
    if file == "-" {
        return json!({ "uri": "stdin" });
    }
    let absolute = normalize(&here.join(file));
    match absolute.strip_prefix(normalize(root)) {
        Ok(relative) => json!({
            "uri": encode(&relative.to_string_lossy().replace('\\', "/")),
            "uriBaseId": SRCROOT,
        }),
        Err(_) => json!({ "uri": file_uri(&absolute) }),
    }
}

fn directory_uri(dir: &Path) -> String {
    let mut uri = file_uri(&normalize(dir));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    // Windows paths (C:/…) get the third slash too.
    let slash = if text.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{}", encode(&text))
}

/// Percent-encodes what may not stand in a URI path as is.
fn encode(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:@!$&'()*+,;=".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_relative_to_the_root_without_dot_segments() {
        let root = Path::new("/repo");
        let here = Path::new("/repo/sub");
        assert_eq!(
            artifact_location("dir/../Dockerfile", here, root),
            json!({ "uri": "sub/Dockerfile", "uriBaseId": SRCROOT })
        );
        assert_eq!(
            artifact_location("../my app/Dockerfile", here, root),
            json!({ "uri": "my%20app/Dockerfile", "uriBaseId": SRCROOT })
        );
        assert_eq!(
            artifact_location("/elsewhere/./Dockerfile", here, root),
            json!({ "uri": "file:///elsewhere/Dockerfile" })
        );
        assert_eq!(directory_uri(root), "file:///repo/");
    }
}
