//! What the label rules share: the labels a Dockerfile sets, with their
//! values as BuildKit expands them, and the value forms of hadolint's
//! `label-schema` (URL, RFC 3339 time, SPDX id, git hash, SemVer, e-mail).

use crate::dockerfile::{Command, Word};
use crate::rules::{DockerfileContext, Finding, LabelType};
use crate::span::Span;

/// One `key=value` of a LABEL instruction.
pub(super) struct Label {
    /// Index in `Dockerfile::instructions`.
    pub instruction: usize,
    /// The key as BuildKit reads it; `None` when it uses an unset variable.
    pub key: Option<String>,
    /// The value as BuildKit reads it; `None` when it uses an unset variable.
    pub value: Option<String>,
    pub key_span: Span,
    pub value_span: Span,
}

/// Every label of the Dockerfile, in order.
pub(super) fn labels(ctx: &DockerfileContext) -> Vec<Label> {
    let mut out = Vec::new();
    for (index, instruction) in ctx.dockerfile.instructions.iter().enumerate() {
        let Command::Label { pairs } = &instruction.command else {
            continue;
        };
        for pair in pairs {
            out.push(Label {
                instruction: index,
                key: read(ctx, &pair.key),
                value: read(ctx, &pair.value),
                key_span: pair.key.span,
                value_span: if pair.value.span.is_empty() {
                    pair.key.span
                } else {
                    pair.value.span
                },
            });
        }
    }
    out
}

/// A word after quote removal and variable expansion, unless it uses a
/// variable with no value here or an ARG without a default (its value comes
/// from `--build-arg`): then nothing can be said about it.
fn read(ctx: &DockerfileContext, word: &Word) -> Option<String> {
    match ctx.expansion(word.span) {
        Some(expanded)
            if expanded.undefined.is_empty()
                && !expanded.used.iter().any(|name| is_build_input(ctx, name)) =>
        {
            Some(expanded.value.clone())
        }
        Some(_) => None,
        None => Some(word.value.clone()),
    }
}

/// An ARG declared without a default anywhere in the file.
fn is_build_input(ctx: &DockerfileContext, name: &str) -> bool {
    ctx.dockerfile
        .instructions
        .iter()
        .any(|i| match &i.command {
            Command::Arg { args } => args
                .iter()
                .any(|a| a.default.is_none() && a.name.value == name),
            _ => false,
        })
}

/// Reports the schema labels of type `kind` whose value `is_valid` rejects.
/// `complaint` completes "Label `name` …".
pub(super) fn report_invalid_values(
    ctx: &DockerfileContext,
    kind: LabelType,
    is_valid: fn(&str) -> bool,
    complaint: &str,
    out: &mut Vec<Finding>,
) {
    let names: Vec<&str> = ctx
        .settings
        .label_schema
        .iter()
        .filter(|(_, k)| *k == kind)
        .map(|(name, _)| name.as_str())
        .collect();
    if names.is_empty() {
        return;
    }
    for label in labels(ctx) {
        let (Some(key), Some(value)) = (&label.key, &label.value) else {
            continue;
        };
        // An empty value is DL3051's finding, not a malformed one.
        if names.contains(&key.as_str()) && !value.is_empty() && !is_valid(value) {
            out.push(Finding::new(
                label.value_span,
                format!("Label `{key}` {complaint}"),
            ));
        }
    }
}

/// For each stage, whether it or a stage it builds FROM satisfies `has`.
pub(super) fn inherited(ctx: &DockerfileContext, has: impl Fn(usize) -> bool) -> Vec<bool> {
    let stages = &ctx.dockerfile.stages;
    let mut result: Vec<bool> = Vec::with_capacity(stages.len());
    for i in 0..stages.len() {
        let from_parent = ctx.base_stage(i).is_some_and(|parent| result[parent]);
        result.push(from_parent || has(i));
    }
    result
}

/// Which stages are built as images of their own: the last stage, and any
/// stage no other stage builds FROM, copies from or mounts (a `--target`).
/// Stages that only feed others are parts, not images.
pub(super) fn image_stages(ctx: &DockerfileContext) -> Vec<bool> {
    let stages = &ctx.dockerfile.stages;
    let mut used = vec![false; stages.len()];
    let mut mark = |name: &str, before: usize| {
        let name = name.to_lowercase();
        let by_name = stages[..before]
            .iter()
            .rposition(|s| s.name.as_deref() == Some(name.as_str()));
        let by_index = name.parse::<usize>().ok().filter(|&i| i < before);
        if let Some(i) = by_name.or(by_index) {
            used[i] = true;
        }
    };
    for (i, stage) in stages.iter().enumerate() {
        mark(&stage.base, i);
        for &index in &stage.instructions {
            let instruction = &ctx.dockerfile.instructions[index];
            if let Some(from) = instruction.flag("from").and_then(|f| f.value.as_deref()) {
                mark(from, i);
            }
            if let Command::Run { mounts, .. } = &instruction.command {
                for from in mounts.iter().filter_map(|m| m.field(&["from"])) {
                    mark(from, i);
                }
            }
        }
    }
    let last = stages.len().saturating_sub(1);
    used.iter()
        .enumerate()
        .map(|(i, used)| i == last || !used)
        .collect()
}

/// hadolint's label key form: lower-case letters, digits, `.` and `-`,
/// starting with a letter and ending with a letter or digit, no `..` or
/// `--`, outside Docker's reserved namespaces.
pub(super) fn is_valid_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    first.is_ascii_lowercase()
        && (last.is_ascii_lowercase() || last.is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'.' || *b == b'-')
        && !key.contains("..")
        && !key.contains("--")
        && !["com.docker.", "io.docker.", "org.dockerproject."]
            .iter()
            .any(|reserved| key.starts_with(reserved))
}

/// An absolute URI (RFC 3986): a scheme, `:`, then URI characters with
/// well-formed `%` escapes and at most one `#`.
pub(super) fn is_url(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let mut scheme_chars = scheme.bytes();
    if !scheme_chars.next().is_some_and(|b| b.is_ascii_alphabetic())
        || !scheme_chars.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return false;
    }
    let bytes = rest.as_bytes();
    let mut i = 0;
    let mut fragments = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let escape = bytes.get(i + 1..i + 3);
                if !escape.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return false;
                }
                i += 3;
                continue;
            }
            b'#' => fragments += 1,
            b if b.is_ascii_alphanumeric() => {}
            b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'?' | b'[' | b']' | b'@' | b'!' | b'$'
            | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => {}
            _ => return false,
        }
        i += 1;
    }
    fragments <= 1
}

/// An RFC 3339 date-time: `2024-05-01T12:30:00Z`, with optional fraction
/// and a `Z` or `±hh:mm` offset; the date must exist.
pub(super) fn is_rfc3339(value: &str) -> bool {
    let b = value.as_bytes();
    let number = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        number(0, 4),
        number(5, 2),
        number(8, 2),
        number(11, 2),
        number(14, 2),
        number(17, 2),
    ) else {
        return false;
    };
    if !(at(4, b'-')
        && at(7, b'-')
        && (at(10, b'T') || at(10, b't'))
        && at(13, b':')
        && at(16, b':'))
    {
        return false;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > month_days || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len()
                && at(i + 3, b':')
                && number(i + 1, 2).is_some_and(|h| h <= 23)
                && number(i + 4, 2).is_some_and(|m| m <= 59)
        }
        _ => false,
    }
}

/// A current SPDX license identifier (exact case, no expressions).
pub(super) fn is_spdx(value: &str) -> bool {
    static LIST: &str = include_str!("spdx_licenses.txt");
    // The list is sorted bytewise, so a binary search over its lines works.
    let ids: Vec<&str> = LIST.lines().filter(|l| !l.starts_with('#')).collect();
    ids.binary_search(&value).is_ok()
}

/// A git commit hash, full (40) or short (7), in lower-case hex.
pub(super) fn is_git_hash(value: &str) -> bool {
    (value.len() == 40 || value.len() == 7)
        && value
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A Semantic Versioning 2.0.0 version: `MAJOR.MINOR.PATCH`, optional
/// `-pre.release` and `+build`, no leading zeros in numbers.
pub(super) fn is_semver(value: &str) -> bool {
    let (rest, build) = match value.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (value, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let numeric = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let identifier =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| numeric(p))
        && pre.is_none_or(|pre| {
            pre.split('.').all(|id| {
                identifier(id) && (!id.bytes().all(|b| b.is_ascii_digit()) || numeric(id))
            })
        })
        && build.is_none_or(|build| build.split('.').all(identifier))
}

/// An RFC 5322 address (`local@domain`): a dot-atom or quoted local part,
/// and a dot-atom or `[literal]` domain.
pub(super) fn is_email(value: &str) -> bool {
    let Some(at) = value.rfind('@') else {
        return false;
    };
    let (local, domain) = (&value[..at], &value[at + 1..]);
    let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&b);
    let dot_atom =
        |s: &str| !s.is_empty() && s.split('.').all(|a| !a.is_empty() && a.bytes().all(atext));
    let quoted = |s: &str| {
        let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
            return false;
        };
        let mut escaped = false;
        inner.bytes().all(|b| {
            if escaped {
                escaped = false;
                return (b' '..=b'~').contains(&b);
            }
            match b {
                b'\\' => {
                    escaped = true;
                    true
                }
                b'"' => false,
                b => (b' '..=b'~').contains(&b),
            }
        }) && !escaped
    };
    let literal = |s: &str| {
        s.strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .is_some_and(|inner| {
                inner
                    .bytes()
                    .all(|b| (b'!'..=b'~').contains(&b) && !matches!(b, b'[' | b']' | b'\\'))
            })
    };
    (dot_atom(local) || quoted(local)) && (dot_atom(domain) || literal(domain))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_forms() {
        assert!(is_url("https://example.com/a%20b?q=1#top") && is_url("x:y"));
        assert!(!is_url("/path") && !is_url("https://exa mple.com") && !is_url("http://a/%zz"));
        assert!(is_rfc3339("2024-02-29T10:00:00Z") && is_rfc3339("2024-01-01t10:00:00.123+01:00"));
        assert!(!is_rfc3339("2023-02-29T10:00:00Z") && !is_rfc3339("2024-01-01 10:00:00Z"));
        assert!(!is_rfc3339("2024-01-01T10:00:00") && !is_rfc3339("2024-01-01T10:00:00+1:00"));
        assert!(is_spdx("Apache-2.0") && is_spdx("MIT") && is_spdx("0BSD"));
        assert!(!is_spdx("mit") && !is_spdx("GPL-2.0") && !is_spdx("MIT OR Apache-2.0"));
        assert!(is_git_hash("0123abc") && !is_git_hash("0123ABC") && !is_git_hash("abc"));
        assert!(is_semver("1.0.0-rc.1+build.007") && is_semver("0.0.0"));
        assert!(!is_semver("1.0") && !is_semver("v1.0.0") && !is_semver("01.0.0"));
        assert!(!is_semver("1.0.0-01") && !is_semver("1.0.0-") && !is_semver("1.0.0+"));
        assert!(
            is_email("a.b@example.com") && is_email("\"x y\"@ex.com") && is_email("a@[1.2.3.4]")
        );
        assert!(!is_email("a..b@c.com") && !is_email("nope") && !is_email("a@") && !is_email("@b"));
        assert!(is_valid_key("org.opencontainers.image.title") && is_valid_key("a1"));
        for bad in ["Key", "com.docker.x", "a-", "1a", "a..b", "a--b", "a_b", ""] {
            assert!(!is_valid_key(bad), "{bad}");
        }
    }
}
