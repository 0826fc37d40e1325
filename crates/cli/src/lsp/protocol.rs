//! JSON-RPC framing and LSP's positions: messages in and out over standard
//! input and output, offsets ↔ line/character (UTF-16), URIs ↔ paths.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use dockwright_core::{FileKind, Span};
use serde_json::{json, Value};

use crate::Failure;

pub(super) fn kind_of(uri: &str, language: Option<&str>) -> Option<FileKind> {
    let name = uri.rsplit('/').next().unwrap_or(uri);
    FileKind::from_name(name).or(match language {
        Some("dockerfile") => Some(FileKind::Dockerfile),
        Some("dockercompose" | "yaml") => Some(FileKind::Compose),
        _ => None,
    })
}

pub(super) fn path_of_uri(uri: &str) -> Option<PathBuf> {
    let path = uri.strip_prefix("file://")?;
    let mut bytes = Vec::new();
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' && i + 2 < raw.len() {
            if let Ok(byte) = u8::from_str_radix(&path[i + 1..i + 3], 16) {
                bytes.push(byte);
                i += 3;
                continue;
            }
        }
        bytes.push(raw[i]);
        i += 1;
    }
    Some(PathBuf::from(String::from_utf8_lossy(&bytes).into_owned()))
}

pub(super) fn str_of(value: &Value, key: &str) -> String {
    value[key].as_str().unwrap_or("").to_string()
}

/// An LSP position (line, UTF-16 character) as a byte offset, clamped to
/// the line and to the text.
pub(super) fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap_or(0) as usize;
    let character = position["character"].as_u64().unwrap_or(0) as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16();
    }
    end
}

/// A byte span as an LSP range.
pub(super) fn range(text: &str, span: Span) -> Value {
    json!({"start": position(text, span.start), "end": position(text, span.end)})
}

pub(super) fn position(text: &str, offset: usize) -> Value {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let character: usize = text[line_start..offset].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

/// One message: `Content-Length` headers, a blank line, the JSON body.
pub(super) fn read_message(input: &mut impl BufRead) -> Result<Option<Value>, Failure> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if input.read_line(&mut header)? == 0 {
            return Ok(None);
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some(value) = header.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Err(Failure::Io("a message without Content-Length".into()));
    };
    if length > 64 << 20 {
        return Err(Failure::Io(format!(
            "a message of {length} bytes is too large"
        )));
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(serde_json::from_slice(&body).unwrap_or(Value::Null)))
}

pub(super) fn write_message(output: &mut impl Write, message: &Value) -> Result<(), Failure> {
    let body = message.to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()?;
    Ok(())
}
