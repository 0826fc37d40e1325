//! The resolved compose model as a tree of values, each with the span of
//! the text that wrote it, and its printing as `docker compose config`
//! prints it: JSON as Go's `json.MarshalIndent` writes it (two spaces,
//! `<`, `>` and `&` escaped), or YAML in block style. A `$` in a value is
//! printed `$$`, so that the output reads back as the same model.

use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Out>),
    /// Keys in the order they are printed.
    Map(Vec<(String, Out)>),
}

/// A value of the resolved model and where it comes from (`None`: made by
/// the resolution, such as a default).
#[derive(Clone, Debug, PartialEq)]
pub struct Out {
    pub value: Value,
    pub span: Option<Span>,
}

impl Out {
    pub fn new(value: Value, span: Option<Span>) -> Out {
        Out { value, span }
    }

    pub fn str(text: impl Into<String>, span: Option<Span>) -> Out {
        Out::new(Value::Str(text.into()), span)
    }

    pub fn null(span: Option<Span>) -> Out {
        Out::new(Value::Null, span)
    }

    pub fn map(entries: Vec<(String, Out)>, span: Option<Span>) -> Out {
        Out::new(Value::Map(entries), span)
    }

    pub fn get(&self, key: &str) -> Option<&Out> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Empty as Go's `omitempty` sees it: "", 0, false, empty list or map.
    pub fn is_empty(&self) -> bool {
        match &self.value {
            Value::Null => false,
            Value::Bool(b) => !b,
            Value::Int(n) => *n == 0,
            Value::Float(f) => *f == 0.0,
            Value::Str(s) => s.is_empty(),
            Value::List(items) => items.is_empty(),
            Value::Map(entries) => entries.is_empty(),
        }
    }
}

/// A printed model with, for each line, the span of the value it shows.
pub struct Printed {
    pub text: String,
    pub lines: Vec<Option<Span>>,
}

/// JSON, as `docker compose config --format json` prints it.
pub fn to_json(out: &Out) -> Printed {
    let mut printer = Printer::default();
    printer.json(out, 0);
    printer.text.push('\n');
    printer.finish()
}

/// YAML, block style, two spaces.
pub fn to_yaml(out: &Out) -> Printed {
    let mut printer = Printer::default();
    match &out.value {
        Value::Map(entries) if !entries.is_empty() => printer.yaml_map(entries, 0),
        _ => {
            printer.yaml_inline(out);
            printer.text.push('\n');
        }
    }
    printer.finish()
}

#[derive(Default)]
struct Printer {
    text: String,
    lines: Vec<Option<Span>>,
    /// The span of the value the current line shows.
    current: Option<Span>,
}

impl Printer {
    fn newline(&mut self) {
        self.text.push('\n');
        self.lines.push(self.current.take());
    }

    fn finish(mut self) -> Printed {
        let count = self.text.matches('\n').count();
        self.lines.resize(count, None);
        if let Some(last) = self.lines.last_mut() {
            if last.is_none() {
                *last = self.current;
            }
        }
        Printed {
            text: self.text,
            lines: self.lines,
        }
    }

    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.text.push_str("  ");
        }
    }

    fn json(&mut self, out: &Out, level: usize) {
        if out.span.is_some() {
            self.current = out.span;
        }
        match &out.value {
            Value::List(items) if !items.is_empty() => {
                self.text.push('[');
                for (i, item) in items.iter().enumerate() {
                    self.newline();
                    self.indent(level + 1);
                    self.json(item, level + 1);
                    if i + 1 < items.len() {
                        self.text.push(',');
                    }
                }
                self.newline();
                self.indent(level);
                self.text.push(']');
            }
            Value::Map(entries) if !entries.is_empty() => {
                self.text.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    self.newline();
                    self.indent(level + 1);
                    self.current = value.span;
                    json_string(&mut self.text, key);
                    self.text.push_str(": ");
                    self.json(value, level + 1);
                    if i + 1 < entries.len() {
                        self.text.push(',');
                    }
                }
                self.newline();
                self.indent(level);
                self.text.push('}');
            }
            Value::List(_) => self.text.push_str("[]"),
            Value::Map(_) => self.text.push_str("{}"),
            scalar => json_scalar(&mut self.text, scalar),
        }
    }

    fn yaml_map(&mut self, entries: &[(String, Out)], level: usize) {
        for (key, value) in entries {
            self.indent(level);
            self.current = value.span;
            yaml_key(&mut self.text, key);
            self.text.push(':');
            self.yaml_value(value, level);
        }
    }

    /// After `key:` or `-`: the value inline, or on the lines below.
    fn yaml_value(&mut self, value: &Out, level: usize) {
        match &value.value {
            Value::Map(entries) if !entries.is_empty() => {
                self.newline();
                self.yaml_map(entries, level + 1);
            }
            Value::List(items) if !items.is_empty() => {
                self.newline();
                for item in items {
                    self.indent(level + 1);
                    self.current = item.span;
                    self.text.push('-');
                    match &item.value {
                        Value::Map(entries) if !entries.is_empty() => {
                            // The first key on the dash's line.
                            self.text.push(' ');
                            let (first, rest) = entries.split_at(1);
                            let (key, first_value) = &first[0];
                            yaml_key(&mut self.text, key);
                            self.text.push(':');
                            self.yaml_value(first_value, level + 2);
                            self.yaml_map(rest, level + 2);
                        }
                        _ => self.yaml_value(item, level + 1),
                    }
                }
            }
            _ => {
                self.text.push(' ');
                self.yaml_inline(value);
                self.newline();
            }
        }
    }

    fn yaml_inline(&mut self, value: &Out) {
        match &value.value {
            Value::Null => self.text.push_str("null"),
            Value::Bool(b) => self.text.push_str(if *b { "true" } else { "false" }),
            Value::Int(n) => self.text.push_str(&n.to_string()),
            Value::Float(f) => self.text.push_str(&go_float(*f)),
            Value::Str(s) => yaml_string(&mut self.text, &s.replace('$', "$$")),
            Value::List(_) => self.text.push_str("[]"),
            Value::Map(_) => self.text.push_str("{}"),
        }
    }
}

fn json_scalar(text: &mut String, value: &Value) {
    match value {
        Value::Null => text.push_str("null"),
        Value::Bool(b) => text.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => text.push_str(&n.to_string()),
        Value::Float(f) => text.push_str(&go_float(*f)),
        Value::Str(s) => json_string(text, &s.replace('$', "$$")),
        Value::List(_) | Value::Map(_) => {}
    }
}

/// A float as Go's JSON encoder writes it (shortest form, no `.0`).
fn go_float(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A JSON string as Go writes it: `<`, `>`, `&` and U+2028/9 escaped.
fn json_string(text: &mut String, s: &str) {
    text.push('"');
    for c in s.chars() {
        match c {
            '"' => text.push_str("\\\""),
            '\\' => text.push_str("\\\\"),
            '\n' => text.push_str("\\n"),
            '\r' => text.push_str("\\r"),
            '\t' => text.push_str("\\t"),
            '<' => text.push_str("\\u003c"),
            '>' => text.push_str("\\u003e"),
            '&' => text.push_str("\\u0026"),
            '\u{2028}' => text.push_str("\\u2028"),
            '\u{2029}' => text.push_str("\\u2029"),
            c if (c as u32) < 0x20 => text.push_str(&format!("\\u{:04x}", c as u32)),
            c => text.push(c),
        }
    }
    text.push('"');
}

fn yaml_key(text: &mut String, key: &str) {
    if needs_quotes(key) {
        yaml_quoted(text, key);
    } else {
        text.push_str(key);
    }
}

fn yaml_string(text: &mut String, s: &str) {
    if needs_quotes(s) {
        yaml_quoted(text, s);
    } else {
        text.push_str(s);
    }
}

/// Whether a plain scalar would read back as something else (a number, a
/// boolean, null) or not parse.
fn needs_quotes(s: &str) -> bool {
    if s.is_empty() || s.trim() != s {
        return true;
    }
    // What a YAML reader would take for something else than a string: a
    // number, a boolean (YAML 1.1's too), null.
    let lower = s.to_ascii_lowercase();
    let reserved = ["yes", "no", "on", "off", "y", "n"];
    if reserved.contains(&lower.as_str())
        || crate::yaml::resolve(s) != crate::yaml::ScalarKind::Str
        || lower.parse::<f64>().is_ok()
    {
        return true;
    }
    let first = s.chars().next().unwrap_or(' ');
    if "!&*[]{}|>'\"%@`#,".contains(first) {
        return true;
    }
    let indicator = |c: char| s.starts_with(c) && (s.len() == 1 || s[1..].starts_with(' '));
    indicator('-')
        || indicator('?')
        || indicator(':')
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.chars().any(|c| c.is_control())
}

fn yaml_quoted(text: &mut String, s: &str) {
    text.push('"');
    for c in s.chars() {
        match c {
            '"' => text.push_str("\\\""),
            '\\' => text.push_str("\\\\"),
            '\n' => text.push_str("\\n"),
            '\t' => text.push_str("\\t"),
            c if c.is_control() => text.push_str(&format!("\\u{:04x}", c as u32)),
            c => text.push(c),
        }
    }
    text.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Out {
        Out::map(
            vec![
                ("name".into(), Out::str("demo", Some(Span::new(0, 4)))),
                (
                    "services".into(),
                    Out::map(
                        vec![(
                            "web".into(),
                            Out::map(
                                vec![
                                    ("command".into(), Out::null(None)),
                                    (
                                        "ports".into(),
                                        Out::new(
                                            Value::List(vec![Out::map(
                                                vec![
                                                    (
                                                        "target".into(),
                                                        Out::new(Value::Int(80), None),
                                                    ),
                                                    ("published".into(), Out::str("8080", None)),
                                                ],
                                                None,
                                            )]),
                                            None,
                                        ),
                                    ),
                                    ("image".into(), Out::str("a<b>&c", Some(Span::new(10, 16)))),
                                ],
                                None,
                            ),
                        )],
                        None,
                    ),
                ),
            ],
            None,
        )
    }

    #[test]
    fn prints_json_as_go_does() {
        let printed = to_json(&sample());
        assert_eq!(
            printed.text,
            "{\n  \"name\": \"demo\",\n  \"services\": {\n    \"web\": {\n      \"command\": null,\n      \"ports\": [\n        {\n          \"target\": 80,\n          \"published\": \"8080\"\n        }\n      ],\n      \"image\": \"a\\u003cb\\u003e\\u0026c\"\n    }\n  }\n}\n"
        );
        assert_eq!(printed.lines.len(), printed.text.lines().count());
        assert_eq!(printed.lines[1], Some(Span::new(0, 4)));
    }

    #[test]
    fn prints_yaml_that_reads_back() {
        let printed = to_yaml(&sample());
        assert_eq!(
            printed.text,
            "name: demo\nservices:\n  web:\n    command: null\n    ports:\n      - target: 80\n        published: \"8080\"\n    image: a<b>&c\n"
        );
        assert_eq!(printed.lines[0], Some(Span::new(0, 4)));
        assert_eq!(printed.lines.len(), printed.text.lines().count());
    }
}
