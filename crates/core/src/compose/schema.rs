//! The compose-spec JSON schema, enforced on the spanned YAML tree.
//!
//! `schema_table.rs` is generated from the spec's `compose-spec.json` by
//! `tools/gen_compose_schema.py`; this file interprets the keywords the spec
//! uses. Every violation is reported, each at the key or value it concerns,
//! with a path such as `services.web.ports[0]`.
//!
//! As in compose-go, the schema applies to the file after interpolation: a
//! string holding `$VAR` may become any value, so it is not held to a type,
//! an enum or a pattern. A boolean field (`["boolean", "string"]` in the
//! spec) takes `true`/`false`; compose-go also reads `yes`/`no`/`on`/`off`/
//! `y`/`n` there, with a warning, and rejects any other string.

use crate::span::Span;
use crate::yaml::{Node, ScalarKind, Value};

use super::schema_table::{ROOT, SCHEMAS};

pub const NULL: u8 = 1;
pub const BOOLEAN: u8 = 2;
pub const INTEGER: u8 = 4;
pub const NUMBER: u8 = 8;
pub const STRING: u8 = 16;
pub const ARRAY: u8 = 32;
pub const OBJECT: u8 = 64;

/// One schema of the spec (a node of its JSON), flattened into a table.
pub struct Schema {
    /// Allowed types; 0 allows any.
    pub types: u8,
    /// A boolean that may also be written as a string for interpolation.
    pub boolean_string: bool,
    pub reference: Option<usize>,
    pub properties: &'static [(&'static str, usize)],
    pub pattern_properties: &'static [(Pattern, usize)],
    pub additional: Additional,
    pub items: Option<usize>,
    pub one_of: &'static [usize],
    pub unique_items: bool,
    pub required: &'static [&'static str],
    pub enumeration: &'static [&'static str],
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub pattern: Option<Pattern>,
    pub deprecated: bool,
}

pub const ANY: Schema = Schema {
    types: 0,
    boolean_string: false,
    reference: None,
    properties: &[],
    pattern_properties: &[],
    additional: Additional::Allowed,
    items: None,
    one_of: &[],
    unique_items: false,
    required: &[],
    enumeration: &[],
    minimum: None,
    maximum: None,
    pattern: None,
    deprecated: false,
};

pub enum Additional {
    Allowed,
    Denied,
    Schema(usize),
}

/// The spec's regular expressions. JSON-schema patterns are searches, not
/// whole-string matches, unless anchored.
#[derive(Clone, Copy)]
pub enum Pattern {
    /// `^x-`
    Extension,
    /// `^[a-zA-Z0-9._-]+$`
    Name,
    /// `^.+$`
    NonEmptyLine,
    /// `.+`
    AnyChar,
    /// `^[a-z]+$`
    LowerWord,
    /// `[a-zA-Z0-9][a-zA-Z0-9_.-]+`
    ContainerName,
    /// `always|never|build|if_not_present|missing|refresh|daily|weekly|every_([0-9]+[wdhms])+`
    PullPolicy,
}

impl Pattern {
    pub fn matches(self, s: &str) -> bool {
        let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
        match self {
            Pattern::Extension => s.starts_with("x-"),
            Pattern::Name => !s.is_empty() && s.chars().all(name_char),
            // Go's `$` without the m flag matches only at the very end.
            Pattern::NonEmptyLine => !s.is_empty() && !s.contains('\n'),
            Pattern::AnyChar => s.chars().any(|c| c != '\n'),
            Pattern::LowerWord => !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()),
            Pattern::ContainerName => s.as_bytes().windows(2).any(|w| {
                w[0].is_ascii_alphanumeric()
                    && (w[1].is_ascii_alphanumeric() || b"_.-".contains(&w[1]))
            }),
            Pattern::PullPolicy => {
                [
                    "always",
                    "never",
                    "build",
                    "if_not_present",
                    "missing",
                    "refresh",
                    "daily",
                    "weekly",
                ]
                .iter()
                .any(|word| s.contains(word))
                    || s.match_indices("every_").any(|(i, _)| {
                        let rest = &s.as_bytes()[i + 6..];
                        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
                        digits > 0 && rest.get(digits).is_some_and(|u| b"wdhms".contains(u))
                    })
            }
        }
    }
}

/// A schema violation (an error) or a reading compose-go warns about.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub span: Span,
    pub message: String,
    pub warning: bool,
}

/// Checks a compose file's root against the compose-spec schema.
pub fn validate(root: &Node) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut path = String::new();
    check(ROOT, root, root.span, &mut path, &mut out);
    out
}

/// The YAML value's JSON-schema type, as a bit.
fn type_of(node: &Node) -> u8 {
    match &node.value {
        Value::Seq(_) => ARRAY,
        Value::Map(_) => OBJECT,
        Value::Scalar(s) => match s.kind {
            ScalarKind::Null => NULL,
            ScalarKind::Bool(_) => BOOLEAN,
            ScalarKind::Int(_) => INTEGER | NUMBER,
            ScalarKind::Float(f) if f.fract() == 0.0 && f.is_finite() => INTEGER | NUMBER,
            ScalarKind::Float(_) => NUMBER,
            ScalarKind::Str => STRING,
        },
    }
}

fn describe(types: u8) -> String {
    let names: Vec<&str> = [
        (NULL, "null"),
        (BOOLEAN, "a boolean"),
        (INTEGER, "an integer"),
        (NUMBER, "a number"),
        (STRING, "a string"),
        (ARRAY, "a list"),
        (OBJECT, "a mapping"),
    ]
    .iter()
    .filter(|(bit, _)| types & bit != 0)
    // "an integer or a number" says no more than "a number".
    .filter(|(bit, _)| !(*bit == INTEGER && types & NUMBER != 0))
    .map(|(_, name)| *name)
    .collect();
    match names.as_slice() {
        [] => "something else".into(),
        [one] => (*one).into(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn describe_value(node: &Node) -> String {
    match &node.value {
        Value::Seq(_) => "a list".into(),
        Value::Map(_) => "a mapping".into(),
        Value::Scalar(s) => match s.kind {
            ScalarKind::Null => "empty".into(),
            ScalarKind::Str => format!("the string {:?}", s.text),
            _ => format!("`{}`", s.text),
        },
    }
}

/// Interpolation (`$VAR`, `${VAR}`) decides this string's final value.
fn interpolated(node: &Node) -> bool {
    node.scalar()
        .is_some_and(|s| s.kind == ScalarKind::Str && s.text.replace("$$", "").contains('$'))
}

fn shown_path(path: &str) -> &str {
    if path.is_empty() {
        "the file"
    } else {
        path
    }
}

fn push(out: &mut Vec<Violation>, span: Span, message: String) {
    out.push(Violation {
        span,
        message,
        warning: false,
    });
}

/// `at` is where a finding about the whole node goes: the key of a
/// container (its span is the whole block), the value of a scalar.
fn check(id: usize, node: &Node, at: Span, path: &mut String, out: &mut Vec<Violation>) {
    let schema = &SCHEMAS[id];
    if let Some(reference) = schema.reference {
        check(reference, node, at, path, out);
    }
    let actual = type_of(node);
    if schema.types != 0 && schema.types & actual == 0 {
        if !(interpolated(node) && schema.types & (INTEGER | NUMBER | BOOLEAN) != 0) {
            push(
                out,
                at,
                format!(
                    "{} must be {}, not {}",
                    shown_path(path),
                    describe(schema.types),
                    describe_value(node)
                ),
            );
        }
        return;
    }
    if schema.boolean_string && actual == STRING && !interpolated(node) {
        check_boolean_string(node, path, out);
    }
    if schema.deprecated {
        out.push(Violation {
            span: at,
            message: format!("{} is deprecated", shown_path(path)),
            warning: true,
        });
    }
    if !schema.one_of.is_empty() {
        check_one_of(schema.one_of, node, at, path, out);
    }
    match &node.value {
        Value::Map(entries) => check_mapping(schema, entries, at, path, out),
        Value::Seq(items) => check_sequence(schema, items, path, out),
        Value::Scalar(scalar) => {
            if interpolated(node) {
                return;
            }
            if !schema.enumeration.is_empty()
                && actual == STRING
                && !schema.enumeration.contains(&scalar.text.as_str())
            {
                push(
                    out,
                    node.span,
                    format!(
                        "{} must be one of {}, not {:?}",
                        shown_path(path),
                        schema.enumeration.join(", "),
                        scalar.text
                    ),
                );
            }
            if let Some(pattern) = schema.pattern {
                if actual == STRING && !pattern.matches(&scalar.text) {
                    push(
                        out,
                        node.span,
                        format!(
                            "{} has an invalid value {:?}",
                            shown_path(path),
                            scalar.text
                        ),
                    );
                }
            }
            let number = match scalar.kind {
                ScalarKind::Int(i) => Some(i as f64),
                ScalarKind::Float(f) => Some(f),
                _ => None,
            };
            if let Some(number) = number {
                if let Some(min) = schema.minimum.filter(|&min| number < min) {
                    push(
                        out,
                        node.span,
                        format!("{} must be at least {min}", shown_path(path)),
                    );
                }
                if let Some(max) = schema.maximum.filter(|&max| number > max) {
                    push(
                        out,
                        node.span,
                        format!("{} must be at most {max}", shown_path(path)),
                    );
                }
            }
        }
    }
}

fn check_boolean_string(node: &Node, path: &str, out: &mut Vec<Violation>) {
    let Some(scalar) = node.scalar() else { return };
    let text = scalar.text.as_str();
    match text.to_ascii_lowercase().as_str() {
        "true" | "false" => {}
        word @ ("y" | "yes" | "on" | "n" | "no" | "off") => {
            let meant = if matches!(word, "y" | "yes" | "on") {
                "true"
            } else {
                "false"
            };
            out.push(Violation {
                span: node.span,
                message: format!(
                    "{text:?} for boolean is not supported by YAML 1.2, please use `{meant}` ({} is read as {meant})",
                    shown_path(path)
                ),
                warning: true,
            });
        }
        _ => push(
            out,
            node.span,
            format!("{} must be true or false, not {text:?}", shown_path(path)),
        ),
    }
}

fn check_one_of(
    branches: &[usize],
    node: &Node,
    at: Span,
    path: &mut String,
    out: &mut Vec<Violation>,
) {
    let mut best: Option<(bool, Vec<Violation>)> = None;
    for &branch in branches {
        let mut errors = Vec::new();
        check(branch, node, at, path, &mut errors);
        let failed = errors.iter().any(|v| !v.warning);
        if !failed {
            out.extend(errors);
            return;
        }
        // Prefer the branch whose type fits, then the one with fewest errors.
        let fits = type_fits(branch, node);
        let better = match &best {
            None => true,
            Some((best_fits, best_errors)) => {
                (fits && !best_fits) || (fits == *best_fits && errors.len() < best_errors.len())
            }
        };
        if better {
            best = Some((fits, errors));
        }
    }
    match best {
        Some((true, errors)) => out.extend(errors),
        _ => {
            let types = branches.iter().fold(0, |acc, &b| acc | branch_types(b));
            push(
                out,
                at,
                format!(
                    "{} must be {}, not {}",
                    shown_path(path),
                    describe(types),
                    describe_value(node)
                ),
            );
        }
    }
}

fn branch_types(id: usize) -> u8 {
    let schema = &SCHEMAS[id];
    let own = if schema.types != 0 {
        schema.types
    } else {
        schema.reference.map_or(0, branch_types)
    };
    if own != 0 {
        own
    } else {
        schema
            .one_of
            .iter()
            .fold(0, |acc, &b| acc | branch_types(b))
    }
}

fn type_fits(id: usize, node: &Node) -> bool {
    let types = branch_types(id);
    types == 0 || types & type_of(node) != 0
}

fn check_mapping(
    schema: &Schema,
    entries: &[crate::yaml::Entry],
    at: Span,
    path: &mut String,
    out: &mut Vec<Violation>,
) {
    let checks_keys = !schema.properties.is_empty()
        || !schema.pattern_properties.is_empty()
        || !matches!(schema.additional, Additional::Allowed);
    for entry in entries {
        let key = entry.key.as_str().unwrap_or_default();
        let mut governed = false;
        let length = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        let key_at = if entry.value.scalar().is_some() {
            entry.value.span
        } else {
            entry.key.span
        };
        if let Some(&(_, sub)) = schema.properties.iter().find(|(name, _)| *name == key) {
            governed = true;
            check(sub, &entry.value, key_at, path, out);
        }
        for &(pattern, sub) in schema.pattern_properties {
            if pattern.matches(key) {
                governed = true;
                check(sub, &entry.value, key_at, path, out);
            }
        }
        path.truncate(length);
        if governed || !checks_keys {
            continue;
        }
        match schema.additional {
            Additional::Allowed => {}
            Additional::Schema(sub) => {
                let length = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                check(sub, &entry.value, key_at, path, out);
                path.truncate(length);
            }
            Additional::Denied => {
                let names: Vec<&str> = schema.properties.iter().map(|(n, _)| *n).collect();
                let hint = crate::dockerfile::instructions::suggestion(key, &names, true);
                let place = if path.is_empty() {
                    "at the top level".to_string()
                } else {
                    format!("in {path}")
                };
                push(
                    out,
                    entry.key.span,
                    format!("`{key}` is not allowed {place}{hint}"),
                );
            }
        }
    }
    for required in schema.required {
        if !entries.iter().any(|e| e.key.as_str() == Some(required)) {
            push(out, at, format!("{} needs `{required}`", shown_path(path)));
        }
    }
}

fn check_sequence(schema: &Schema, items: &[Node], path: &mut String, out: &mut Vec<Violation>) {
    for (index, item) in items.iter().enumerate() {
        let length = path.len();
        path.push_str(&format!("[{index}]"));
        if let Some(sub) = schema.items {
            check(sub, item, item.span, path, out);
        }
        if schema.unique_items && items[..index].iter().any(|earlier| same(earlier, item)) {
            let shown = item
                .as_str()
                .map_or_else(String::new, |s| format!(" {s:?}"));
            // The schema asks for unique items. Docker Compose enforces it
            // on a few lists (checked with `docker compose config`); on the
            // others it keeps one of the copies and goes on: a warning.
            let list = path[..length].rsplit('.').next().unwrap_or_default();
            let enforced = matches!(
                list,
                "depends_on"
                    | "networks"
                    | "security_opt"
                    | "group_add"
                    | "external_links"
                    | "volumes_from"
            );
            out.push(Violation {
                span: item.span,
                message: if enforced {
                    format!("{path} repeats an earlier item{shown}; items must be unique")
                } else {
                    format!("{path} repeats an earlier item{shown}; Docker Compose keeps only one")
                },
                warning: !enforced,
            });
        }
        path.truncate(length);
    }
}

/// Equal as JSON values.
fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Scalar(x), Value::Scalar(y)) => x.kind == y.kind && x.text == y.text,
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|e| {
                    y.iter()
                        .any(|f| e.key.as_str() == f.key.as_str() && same(&e.value, &f.value))
                })
        }
        _ => false,
    }
}
