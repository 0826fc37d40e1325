//! `.env` files as Docker Compose reads them (compose-go's `dotenv`
//! parser): `KEY=value` or `KEY: value`, an optional `export `, comments on
//! their own line and after ` #` on an unquoted value, single quotes
//! (literal), double quotes (escapes such as `\n`, then variables), values
//! over several lines inside quotes, a bare `KEY` that takes the value of
//! the host's variable, and `$VAR` / `${VAR:-default}` in unquoted and
//! double-quoted values, read from the host first, then from the keys above.
//!
//! Compose stops at the first error; this reader reports it at its place
//! and goes on with the next line, so the rest of the file still counts.

use crate::diagnostic::Diagnostic;
use crate::span::Span;

use super::template::{self, TemplateError};
use super::SYNTAX_ERROR;

/// One `KEY=value` of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct DotEnvEntry {
    pub name: String,
    pub value: String,
    pub name_span: Span,
    /// The value as written (quotes included).
    pub value_span: Span,
}

#[derive(Debug, Default)]
pub struct DotEnv {
    pub entries: Vec<DotEnvEntry>,
    /// Syntax errors and the findings of the values' variables.
    pub findings: Vec<Diagnostic>,
}

impl DotEnv {
    /// The value of a key (the last one written wins).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.name == name)
            .map(|e| e.value.as_str())
    }
}

/// Go's `unicode.IsSpace`, which also counts line breaks.
fn is_any_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{85}'
}

/// The parser's `isSpace`: a space but not a line break.
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

/// Reads a dotenv file; `host` gives the host's variables (`None` when
/// unset), which win over the file's own keys in expansions.
pub fn parse(text: &str, host: &dyn Fn(&str) -> Option<String>) -> DotEnv {
    let mut out = DotEnv::default();
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    loop {
        at = statement_start(text, at);
        if at >= text.len() {
            break;
        }
        match statement(text, at, host, &mut out) {
            Ok(next) => at = next,
            Err((span, message)) => {
                out.findings
                    .push(Diagnostic::error(SYNTAX_ERROR, span, message));
                // Go on with the next line.
                at = text[span.end.min(text.len())..]
                    .find('\n')
                    .map_or(text.len(), |n| span.end + n + 1);
            }
        }
    }
    out
}

/// Skips blank space and comment lines.
fn statement_start(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at..];
        let Some(skip) = rest.find(|c: char| !is_any_space(c)) else {
            return text.len();
        };
        at += skip;
        if !text[at..].starts_with('#') {
            return at;
        }
        match text[at..].find('\n') {
            Some(n) => at += n,
            None => return text.len(),
        }
    }
}

type Failure = (Span, String);

/// One statement from `at`; where the next one may start.
fn statement(
    text: &str,
    at: usize,
    host: &dyn Fn(&str) -> Option<String>,
    out: &mut DotEnv,
) -> Result<usize, Failure> {
    let mut key_start = at;
    if let Some(after) = text[at..].strip_prefix("export") {
        if after.starts_with(|c: char| is_any_space(c)) {
            key_start = at + "export".len();
            key_start += text[key_start..]
                .find(|c: char| !is_space(c))
                .unwrap_or(text.len() - key_start);
        }
    }
    let line_end = text[key_start..]
        .find('\n')
        .map_or(text.len(), |n| key_start + n);
    // The key runs to `=`, `:` or the end of the line.
    let mut key_end = None;
    let mut separator = None;
    for (i, c) in text[key_start..].char_indices() {
        let i = key_start + i;
        if is_space(c) {
            continue;
        }
        match c {
            '=' | ':' | '\n' => {
                key_end = Some(i);
                separator = Some(c);
                break;
            }
            '_' | '.' | '-' | '[' | ']' => {}
            c if c.is_alphanumeric() => {}
            c => {
                let line = &text[key_start..line_end];
                return Err((
                    Span::new(i, i + c.len_utf8()),
                    format!("unexpected character {:?} in variable name {line:?}: a name holds letters, digits, `_`, `.`, `-`, `[` and `]`, then `=`", c.to_string()),
                ));
            }
        }
    }
    // A last line with neither `=` nor a line break: Compose reads it as the
    // value of an empty key.
    let (key_end, value_start, inherited) = match (key_end, separator) {
        (Some(end), Some(c)) => (end, end + 1, c == '\n'),
        _ => (key_start, key_start, false),
    };
    let key = text[key_start..key_end].trim_end_matches(is_any_space);
    let name_span = Span::new(key_start, key_start + key.len());
    if key.contains(' ') {
        return Err((
            name_span,
            format!(
                "key cannot contain a space: {key:?} is not one name (such as {})",
                key.replace(' ', "_")
            ),
        ));
    }
    if inherited {
        if let Some(value) = host(key) {
            out.entries.push(DotEnvEntry {
                name: key.to_string(),
                value,
                name_span,
                value_span: Span::empty(name_span.end),
            });
        }
        return Ok(value_start);
    }
    let value_start = value_start
        + text[value_start..]
            .find(|c: char| !is_space(c))
            .unwrap_or(text.len() - value_start);
    let (value, value_span, next) = value(text, value_start, host, out)?;
    out.entries.push(DotEnvEntry {
        name: key.to_string(),
        value,
        name_span,
        value_span,
    });
    Ok(next)
}

/// The value at `at`: its text, its span, and where reading goes on.
fn value(
    text: &str,
    at: usize,
    host: &dyn Fn(&str) -> Option<String>,
    out: &mut DotEnv,
) -> Result<(String, Span, usize), Failure> {
    let rest = &text[at..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
    let Some(quote) = quote else {
        let line_length = rest.find('\n').unwrap_or(rest.len());
        let line = &rest[..line_length];
        let value = line.split_once(" #").map_or(line, |(v, _)| v);
        let value = value.trim_end_matches(is_any_space);
        let span = Span::new(at, at + value.len());
        let expanded = expand(value, span.start, host, out)?;
        return Ok((expanded, span, (at + line_length + 1).min(text.len())));
    };
    let bytes = rest.as_bytes();
    let quote = quote as u8;
    let mut chars: Vec<u8> = Vec::new();
    let mut escaped = false;
    for (i, &c) in bytes.iter().enumerate().skip(1) {
        if c != quote {
            if !escaped && c == b'\\' {
                escaped = true;
                continue;
            }
            if escaped {
                escaped = false;
                chars.push(b'\\');
            }
            chars.push(c);
            continue;
        }
        if escaped {
            escaped = false;
            chars.push(c);
            continue;
        }
        // Only ASCII bytes were dropped or inserted: still UTF-8.
        let raw = String::from_utf8(chars).unwrap_or_default();
        let span = Span::new(at, at + i + 1);
        let value = if quote == b'"' {
            expand(&unescape(&raw), at + 1, host, out)?
        } else {
            raw
        };
        return Ok((value, span, at + i + 1));
    }
    let line_length = rest.find('\n').unwrap_or(rest.len());
    Err((
        Span::new(at, at + line_length),
        format!(
            "unterminated quoted value {}: close it with {}",
            &rest[..line_length],
            quote as char
        ),
    ))
}

/// Substitutes the variables of a value: the host's first, then the keys
/// read so far.
fn expand(
    value: &str,
    at: usize,
    host: &dyn Fn(&str) -> Option<String>,
    out: &mut DotEnv,
) -> Result<String, Failure> {
    if !value.contains('$') {
        return Ok(value.to_string());
    }
    let lookup = |name: &str| host(name).or_else(|| out.get(name).map(str::to_string));
    let substituted = template::substitute(value, &lookup);
    // Offsets inside a double-quoted value are those of the unescaped text:
    // close enough for a pointer, and kept inside the value.
    let place = |range: std::ops::Range<usize>| {
        let start = (at + range.start).min(at + value.len());
        Span::new(start, (at + range.end).min(at + value.len()).max(start))
    };
    match substituted.error {
        Some(TemplateError::Invalid { at: range }) => Err((
            place(range),
            "invalid interpolation format: write `$$` for a literal `$`".to_string(),
        )),
        Some(TemplateError::Required {
            variable,
            reason,
            at: range,
        }) => {
            let reason = if reason.is_empty() {
                String::new()
            } else {
                format!(": {reason}")
            };
            Err((
                place(range),
                format!("required variable {variable} is missing a value{reason}"),
            ))
        }
        None => {
            for (name, range) in substituted.unset {
                let mut warning = Diagnostic::error(
                    super::semantics::CONFIG_ERROR,
                    place(range),
                    format!("The {name:?} variable is not set. Defaulting to a blank string."),
                );
                warning.severity = crate::diagnostic::Severity::Warning;
                out.findings.push(warning);
            }
            Ok(substituted.value)
        }
    }
}

/// The escapes of a double-quoted value: `\n`, `\t`, `\"`, `\\`, … and
/// `\0NNN` in octal; `\$` stays a literal `$` (`$$` for the substitution).
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(&(_, next)) = chars.peek() else {
            out.push(c);
            continue;
        };
        let simple = match next {
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'c' => None,
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\u{b}'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            _ => None,
        };
        if let Some(simple) = simple {
            chars.next();
            out.push(simple);
        } else if next == '$' {
            chars.next();
            out.push_str("$$");
        } else if next == '0' {
            // `\0` and up to three digits; Go reads `\NNN` (three octal
            // digits) and keeps anything else as written.
            let digits: String = raw[i + 2..]
                .chars()
                .take(3)
                .take_while(char::is_ascii_digit)
                .collect();
            let octal = (digits.len() == 3)
                .then(|| u32::from_str_radix(&digits, 8).ok())
                .flatten()
                .filter(|n| *n <= 255)
                .and_then(char::from_u32);
            chars.next();
            for _ in 0..digits.len() {
                chars.next();
            }
            match octal {
                Some(c) => out.push(c),
                None => {
                    out.push_str("\\0");
                    out.push_str(&digits);
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(name: &str) -> Option<String> {
        (name == "HOST").then(|| "h".to_string())
    }

    /// Each `tests/fixtures/dotenv/NAME.env` beside Compose's reading of it
    /// (`NAME.expected`, written by `tools/dotenv_oracle.py`).
    #[test]
    fn reads_env_files_as_docker_compose() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dotenv");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "env") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let expected = std::fs::read_to_string(path.with_extension("expected")).unwrap();
            let parsed = parse(&text, &host);
            for finding in &parsed.findings {
                assert!(
                    text.is_char_boundary(finding.span.start) && finding.span.end <= text.len()
                );
            }
            let errors: Vec<&Diagnostic> = parsed
                .findings
                .iter()
                .filter(|d| d.severity == crate::diagnostic::Severity::Error)
                .collect();
            if let Some(refusal) = expected.lines().find_map(|l| l.strip_prefix("error ")) {
                // "failed to read .env: line N: why" — ours names the place
                // by its span, and starts with the same words.
                let why = refusal.trim_start_matches("failed to read .env: ");
                let why = match why.split_once(": ") {
                    Some((line, rest)) if line.starts_with("line ") => rest,
                    _ => why,
                };
                assert!(
                    errors.iter().any(|e| e.message.starts_with(why)),
                    "{}: Compose says {why:?}, we say {errors:?}",
                    path.display()
                );
            } else {
                assert!(errors.is_empty(), "{}: {errors:?}", path.display());
                let mut names: Vec<&str> = parsed.entries.iter().map(|e| e.name.as_str()).collect();
                names.sort();
                names.dedup();
                let mut actual: String = names
                    .iter()
                    .filter(|n| !["HOST"].contains(n))
                    .map(|n| format!("{n}={}\n", parsed.get(n).unwrap().replace('\n', "\\n")))
                    .collect();
                for finding in &parsed.findings {
                    let name = finding.message.split('"').nth(1).unwrap_or_default();
                    actual.push_str(&format!("warn {name}\n"));
                }
                assert_eq!(actual, expected, "{}", path.display());
            }
            checked += 1;
        }
        assert!(checked >= 5);
    }

    #[test]
    fn goes_on_after_an_error() {
        let parsed = parse("A=1\nB C=2\nD=4\n", &host);
        assert_eq!(parsed.findings.len(), 1);
        assert_eq!(parsed.get("D"), Some("4"));
    }
}
