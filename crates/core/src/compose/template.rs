//! Variable substitution in compose values, as Docker Compose does it
//! (compose-go's `template` package): `$VAR`, `${VAR}`, `$$` for a literal
//! `$`, `${VAR:-default}` / `${VAR-default}`, `${VAR:+replacement}` /
//! `${VAR+replacement}`, `${VAR:?message}` / `${VAR?message}`, defaults that
//! hold further templates.
//!
//! Compose finds a braced template with a regular expression whose default
//! part is greedy up to the last `}` of the line, then cuts it at the first
//! balancing `}` and substitutes the remainder on its own; the scan below
//! follows those steps so that odd inputs (`${U:-a}b}`, `${U:-{x}}`) come
//! out as Compose makes them. The cases in
//! `tests/fixtures/compose/interpolation.cases` are Compose's own answers
//! (`tools/interpolation_oracle.py` checks them against Compose).

use std::ops::Range;

/// What a substitution made of a template.
#[derive(Debug, Default, PartialEq)]
pub struct Substituted {
    pub value: String,
    /// Variables that were read while unset and so became a blank string,
    /// with the byte range of their `$…` in the template.
    pub unset: Vec<(String, Range<usize>)>,
    /// The first error, when Compose refuses the template.
    pub error: Option<TemplateError>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TemplateError {
    /// A `${` that is not a valid template.
    Invalid { at: Range<usize> },
    /// `${VAR:?message}` (or `?`) without a value.
    Required {
        variable: String,
        reason: String,
        at: Range<usize>,
    },
}

impl TemplateError {
    pub fn range(&self) -> Range<usize> {
        match self {
            TemplateError::Invalid { at } | TemplateError::Required { at, .. } => at.clone(),
        }
    }
}

/// Substitutes every variable of `template`; `lookup` gives a variable's
/// value, `None` when it is unset (an empty value is set).
pub fn substitute(template: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Substituted {
    let mut out = Substituted::default();
    out.value = substitute_at(template, 0, lookup, &mut out, 0);
    out
}

/// Nesting of defaults followed, at most (a default holds a template).
const MAX_NESTING: usize = 32;

fn is_name_start(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphabetic()
}

fn is_name_char(c: u8) -> bool {
    c == b'_' || c.is_ascii_alphanumeric()
}

fn name_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() && is_name_char(bytes[end]) {
        end += 1;
    }
    end
}

/// The operators of a braced template, as Compose tries them.
const OPERATORS: [&str; 6] = [":?", "?", ":-", "-", ":+", "+"];

fn substitute_at(
    template: &str,
    base: usize,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut Substituted,
    depth: usize,
) -> String {
    let bytes = template.as_bytes();
    let mut result = String::with_capacity(template.len());
    let mut literal_from = 0;
    let mut line = LineBrace::default();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied();
        let (replacement, end) = match next {
            Some(b'$') => ("$".to_string(), i + 2),
            Some(c) if is_name_start(c) => {
                let end = name_end(bytes, i + 1);
                let name = &template[i + 1..end];
                (read(name, base + i..base + end, lookup, out), end)
            }
            Some(b'{') => braced(template, i, base, lookup, out, depth, &mut line),
            _ => {
                i += 1;
                continue;
            }
        };
        result.push_str(&template[literal_from..i]);
        result.push_str(&replacement);
        i = end;
        literal_from = end;
    }
    result.push_str(&template[literal_from..]);
    result
}

/// A variable's value; an unset one is blank, and reported.
fn read(
    name: &str,
    at: Range<usize>,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut Substituted,
) -> String {
    match lookup(name) {
        Some(value) => value,
        None => {
            out.unset.push((name.to_string(), at));
            String::new()
        }
    }
}

fn fail(out: &mut Substituted, error: TemplateError) {
    if out.error.is_none() {
        out.error = Some(error);
    }
}

/// The `${…}` at `start`: its replacement and where the scan goes on.
fn braced(
    template: &str,
    start: usize,
    base: usize,
    lookup: &dyn Fn(&str) -> Option<String>,
    out: &mut Substituted,
    depth: usize,
    line: &mut LineBrace,
) -> (String, usize) {
    let bytes = template.as_bytes();
    let name_start = start + 2;
    let invalid = |out: &mut Substituted| {
        fail(
            out,
            TemplateError::Invalid {
                at: base + start..base + name_start,
            },
        );
        (String::new(), name_start)
    };
    if !bytes.get(name_start).copied().is_some_and(is_name_start) {
        return invalid(out);
    }
    let name_end = name_end(bytes, name_start);
    let name = &template[name_start..name_end];
    let operator = OPERATORS
        .iter()
        .find(|op| template[name_end..].starts_with(**op));
    let Some(operator) = operator else {
        if bytes.get(name_end) == Some(&b'}') {
            let value = read(name, base + start..base + name_end + 1, lookup, out);
            return (value, name_end + 1);
        }
        return invalid(out);
    };
    // The default runs to the last `}` of the line (the expression's greedy
    // `.*`), then is cut at the first `}` that balances the braces.
    let Some(last_brace) = line.after(template, name_end) else {
        return invalid(out);
    };
    let matched = &template[start..=last_brace];
    let close = first_balancing_brace(matched).map_or(last_brace, |n| start + n);
    let argument_start = name_end + operator.len();
    let argument = &template[argument_start.min(close)..close];
    let at = base + start..base + close + 1;
    let nested = |text: &str, from: usize, out: &mut Substituted| {
        if depth >= MAX_NESTING {
            return text.to_string();
        }
        substitute_at(text, base + from, lookup, out, depth + 1)
    };
    let value = lookup(name);
    let mut refused = false;
    let replacement = match *operator {
        ":-" | "-" => {
            let absent = value.is_none() || (*operator == ":-" && value.as_deref() == Some(""));
            if absent {
                nested(argument, argument_start, out)
            } else {
                value.unwrap_or_default()
            }
        }
        ":+" | "+" => {
            let present = value
                .as_deref()
                .is_some_and(|v| *operator == "+" || !v.is_empty());
            if present {
                nested(argument, argument_start, out)
            } else {
                value.unwrap_or_default()
            }
        }
        _ => {
            let missing = value.is_none() || (*operator == ":?" && value.as_deref() == Some(""));
            if missing {
                let reason = nested(argument, argument_start, out);
                refused = true;
                fail(
                    out,
                    TemplateError::Required {
                        variable: name.to_string(),
                        reason,
                        at,
                    },
                );
                String::new()
            } else {
                value.unwrap_or_default()
            }
        }
    };
    // Compose substitutes what follows the balancing `}` inside the match
    // on its own and appends it, which is what scanning on from there does;
    // after a refused required variable it drops it.
    if refused {
        return (replacement, last_brace + 1);
    }
    (replacement, close + 1)
}

/// The last `}` of the line being scanned, found once per line (each
/// braced template looks for it).
#[derive(Default)]
struct LineBrace {
    /// The line's end; the cache holds for positions before it.
    until: usize,
    last: Option<usize>,
}

impl LineBrace {
    /// The last `}` on the line from `from` on.
    fn after(&mut self, template: &str, from: usize) -> Option<usize> {
        if from >= self.until || self.until == 0 {
            let line = &template[from..];
            let length = line.find('\n').unwrap_or(line.len());
            self.until = from + length;
            self.last = line[..length].rfind('}').map(|n| from + n);
        }
        self.last.filter(|&last| last >= from)
    }
}

/// Compose's `getFirstBraceClosingIndex`: counts `{` (skipping the byte
/// after each) and `}` until the count is back to zero.
fn first_balancing_brace(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'}' {
            open = open.saturating_sub(1);
            if open == 0 {
                return Some(i);
            }
        }
        if bytes[i] == b'{' {
            open += 1;
            i += 1;
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn environment(name: &str) -> Option<String> {
        match name {
            "A" => Some("a".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    /// The cases file: `template => value`, then `  warn NAME` per unset
    /// variable and `  error …` when Compose refuses the template.
    #[test]
    fn substitutes_as_docker_compose() {
        let cases = include_str!("../../tests/fixtures/compose/interpolation.cases");
        let mut expected = String::new();
        let mut actual = String::new();
        for line in cases.lines() {
            expected.push_str(line);
            expected.push('\n');
            let Some((template, _)) = line.split_once(" => ") else {
                continue;
            };
            let got = substitute(template, &environment);
            let value = if got.error.is_some() { "" } else { &got.value };
            actual.push_str(&format!("{template} => {value}\n"));
            for (name, at) in &got.unset {
                assert!(template[at.clone()].starts_with('$'), "{template}: {at:?}");
                actual.push_str(&format!("  warn {name}\n"));
            }
            match &got.error {
                Some(TemplateError::Invalid { .. }) => actual.push_str(&format!("  error invalid interpolation format for x-case. You may need to escape any $ with another $. {template}\n")),
                Some(TemplateError::Required { variable, reason, .. }) => {
                    let reason = if reason.is_empty() { String::new() } else { format!(": {reason}") };
                    actual.push_str(&format!("  error error while interpolating x-case: required variable {variable} is missing a value{reason}\n"));
                }
                None => {}
            }
        }
        assert_eq!(actual, expected);
    }

    #[test]
    fn long_lines_of_templates_stay_linear() {
        let template = "${U:-x}".repeat(20_000);
        let got = substitute(&template, &environment);
        assert_eq!(got.value, "x".repeat(20_000));
        let nested = "${U:-".repeat(5_000) + &"}".repeat(5_000);
        assert!(substitute(&nested, &environment).error.is_none());
    }
}
