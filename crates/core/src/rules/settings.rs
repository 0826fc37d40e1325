//! Settings from a config file: hadolint's `.hadolint.yaml`, read as is, or
//! Dockwright's own `dockwright.yaml`, which takes the same keys:
//!
//! ```yaml
//! ignored: [DL3008, SecretsUsedInArgOrEnv]   # codes or aliases
//! override:
//!   error: [DL3015]
//!   info: [DL3059]
//! trustedRegistries: [docker.io, ghcr.io]     # enables DL3026
//! failure-threshold: warning                  # error|warning|info|style|none
//! disable-ignore-pragma: false
//! label-schema:                               # DL3049–DL3056, DL3058
//!   maintainer: email                         # text|url|semver|hash|rfc3339|spdx|email
//! strict-labels: true                         # DL3050: no label outside the schema
//! ```
//!
//! `format`, `no-color` and `verbose` are accepted for compatibility with
//! hadolint's files; they concern hadolint's terminal output only.

use crate::span::{LineIndex, Span};
use crate::yaml::{self, Node, ScalarKind, Value};

use crate::diagnostic::Severity;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Rules switched off, by code or alias.
    pub ignored: Vec<String>,
    /// Severity overrides, by code or alias.
    pub overrides: Vec<(String, Severity)>,
    /// Registries FROM may pull from (DL3026); empty means the rule is off.
    pub trusted_registries: Vec<String>,
    /// Findings at or above this severity fail the CLI; `Some(None)` is "none".
    pub failure_threshold: Option<Option<Severity>>,
    pub no_fail: bool,
    /// Inline `# hadolint ignore=` and `# dockwright ignore=` are not honoured.
    pub disable_ignore_pragma: bool,
    /// Labels every image should carry, with the form of their values.
    pub label_schema: Vec<(String, LabelType)>,
    /// Labels outside `label_schema` are reported (DL3050).
    pub strict_labels: bool,
    /// The formatter's indentation step for a Dockerfile's continuation
    /// lines (`continuation-indent: 2` for spaces, `tab`); `None` leaves it
    /// to `.editorconfig`, else 4 spaces.
    pub continuation_indent: Option<String>,
    /// Compose profiles that are active (`docker compose --profile`,
    /// `COMPOSE_PROFILES`); `*` activates every profile. Not read from a
    /// settings file: it is a choice made at run time.
    pub profiles: Vec<String>,
}

/// The form a label's value must take, as hadolint's `label-schema` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelType {
    Text,
    Url,
    Semver,
    Hash,
    Rfc3339,
    Spdx,
    Email,
}

impl LabelType {
    pub fn as_str(self) -> &'static str {
        match self {
            LabelType::Text => "text",
            LabelType::Url => "url",
            LabelType::Semver => "semver",
            LabelType::Hash => "hash",
            LabelType::Rfc3339 => "rfc3339",
            LabelType::Spdx => "spdx",
            LabelType::Email => "email",
        }
    }

    fn parse(name: &str) -> Option<LabelType> {
        Some(match name {
            "text" => LabelType::Text,
            "url" => LabelType::Url,
            "semver" => LabelType::Semver,
            "hash" => LabelType::Hash,
            "rfc3339" => LabelType::Rfc3339,
            "spdx" => LabelType::Spdx,
            "email" => LabelType::Email,
            _ => return None,
        })
    }
}

/// A problem in a config file, with its 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Settings {
    /// Reads a config file's YAML. Every problem is reported, each at the
    /// key or value it concerns.
    pub fn from_yaml(text: &str) -> Result<Settings, Vec<SettingsError>> {
        let document = yaml::parse(text);
        let index = LineIndex::new(text);
        let located = |errors: Vec<(Span, String)>| -> Vec<SettingsError> {
            errors
                .into_iter()
                .map(|(span, message)| {
                    let at = index.line_col(span.start);
                    SettingsError {
                        line: at.line,
                        column: at.column,
                        message,
                    }
                })
                .collect()
        };
        if !document.errors.is_empty() {
            return Err(located(
                document
                    .errors
                    .into_iter()
                    .map(|e| (e.span, e.message))
                    .collect(),
            ));
        }
        let mut settings = Settings::default();
        let mut errors = Vec::new();
        let Some(root) = document.root else {
            return Ok(settings);
        };
        let Value::Map(mapping) = &root.value else {
            if root.is_null() {
                return Ok(settings);
            }
            return Err(located(vec![error(
                &root,
                "the config file must be a mapping of settings (key: value)",
            )]));
        };
        for entry in mapping {
            let (key, value) = (&entry.key, &entry.value);
            let Some(name) = string(key) else {
                errors.push(error(key, "setting names must be strings"));
                continue;
            };
            match name {
                "ignored" => settings.ignored = strings(value, name, &mut errors),
                "trustedRegistries" => settings.trusted_registries = strings(value, name, &mut errors),
                "override" => read_overrides(value, &mut settings, &mut errors),
                "failure-threshold" => match string(value) {
                    Some("none") | Some("ignore") => settings.failure_threshold = Some(None),
                    Some(level) => match parse_severity(level) {
                        Some(severity) => settings.failure_threshold = Some(Some(severity)),
                        None => errors.push(error(value, &format!("unknown failure threshold '{level}' (use error, warning, info, style or none)"))),
                    },
                    None => errors.push(error(value, "failure-threshold takes a severity name")),
                },
                "no-fail" => settings.no_fail = boolean(value, name, &mut errors),
                "disable-ignore-pragma" => settings.disable_ignore_pragma = boolean(value, name, &mut errors),
                "strict-labels" => settings.strict_labels = boolean(value, name, &mut errors),
                "label-schema" => read_label_schema(value, &mut settings, &mut errors),
                "continuation-indent" => match (string(value), integer(value)) {
                    (Some("tab"), _) => settings.continuation_indent = Some("\t".into()),
                    (_, Some(width @ 1..=16)) => {
                        settings.continuation_indent = Some(" ".repeat(width as usize))
                    }
                    _ => errors.push(error(
                        value,
                        "continuation-indent takes a number of spaces (1 to 16) or tab",
                    )),
                },
                "format" | "no-color" | "verbose" => {}
                other => errors.push(error(key, &format!("unknown setting '{other}'"))),
            }
        }
        if errors.is_empty() {
            Ok(settings)
        } else {
            Err(located(errors))
        }
    }

    /// The settings as a config file (`.hadolint.yaml` or `dockwright.yaml`:
    /// the same keys); `from_yaml` reads it back to equal settings.
    pub fn to_yaml(&self) -> String {
        let quote = |s: &str| {
            if !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
            {
                s.to_string()
            } else {
                format!("{s:?}")
            }
        };
        let list = |items: &[String]| {
            format!(
                "[{}]",
                items
                    .iter()
                    .map(|i| quote(i))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let mut out = String::new();
        if !self.ignored.is_empty() {
            out.push_str(&format!("ignored: {}\n", list(&self.ignored)));
        }
        if !self.overrides.is_empty() {
            out.push_str("override:\n");
            for severity in [
                Severity::Error,
                Severity::Warning,
                Severity::Info,
                Severity::Style,
            ] {
                let ids: Vec<String> = self
                    .overrides
                    .iter()
                    .filter(|(_, s)| *s == severity)
                    .map(|(id, _)| id.clone())
                    .collect();
                if !ids.is_empty() {
                    out.push_str(&format!("  {}: {}\n", severity.as_str(), list(&ids)));
                }
            }
        }
        if !self.trusted_registries.is_empty() {
            out.push_str(&format!(
                "trustedRegistries: {}\n",
                list(&self.trusted_registries)
            ));
        }
        if let Some(threshold) = self.failure_threshold {
            out.push_str(&format!(
                "failure-threshold: {}\n",
                threshold.map_or("none", Severity::as_str)
            ));
        }
        if self.no_fail {
            out.push_str("no-fail: true\n");
        }
        if self.disable_ignore_pragma {
            out.push_str("disable-ignore-pragma: true\n");
        }
        if !self.label_schema.is_empty() {
            out.push_str("label-schema:\n");
            for (name, kind) in &self.label_schema {
                out.push_str(&format!("  {}: {}\n", quote(name), kind.as_str()));
            }
        }
        if self.strict_labels {
            out.push_str("strict-labels: true\n");
        }
        if let Some(indent) = &self.continuation_indent {
            let value = if indent == "\t" {
                "tab".to_string()
            } else {
                indent.len().to_string()
            };
            out.push_str(&format!("continuation-indent: {value}\n"));
        }
        out
    }

    pub fn is_ignored(&self, is_named: impl Fn(&str) -> bool) -> bool {
        self.ignored.iter().any(|id| is_named(id))
    }

    pub fn severity_override(&self, is_named: impl Fn(&str) -> bool) -> Option<Severity> {
        self.overrides
            .iter()
            .rev()
            .find(|(id, _)| is_named(id))
            .map(|(_, s)| *s)
    }
}

fn parse_severity(name: &str) -> Option<Severity> {
    Some(match name {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "info" => Severity::Info,
        "style" => Severity::Style,
        _ => return None,
    })
}

fn read_overrides(value: &Node, settings: &mut Settings, errors: &mut Vec<(Span, String)>) {
    let Value::Map(levels) = &value.value else {
        errors.push(error(
            value,
            "override takes a mapping: error/warning/info/style → list of rules",
        ));
        return;
    };
    for entry in levels {
        let Some(severity) = string(&entry.key).and_then(parse_severity) else {
            errors.push(error(
                &entry.key,
                "override levels are error, warning, info and style",
            ));
            continue;
        };
        for id in strings(&entry.value, "override", errors) {
            settings.overrides.push((id, severity));
        }
    }
}

fn read_label_schema(value: &Node, settings: &mut Settings, errors: &mut Vec<(Span, String)>) {
    let Value::Map(labels) = &value.value else {
        if !value.is_null() {
            errors.push(error(value, "label-schema takes a mapping: label name → text, url, semver, hash, rfc3339, spdx or email"));
        }
        return;
    };
    for entry in labels {
        let Some(name) = string(&entry.key) else {
            errors.push(error(&entry.key, "label names must be strings"));
            continue;
        };
        match string(&entry.value).and_then(LabelType::parse) {
            Some(kind) => settings.label_schema.push((name.to_string(), kind)),
            None => errors.push(error(
                &entry.value,
                "label types are text, url, semver, hash, rfc3339, spdx and email",
            )),
        }
    }
}

fn integer(node: &Node) -> Option<i64> {
    match node.scalar()?.kind {
        ScalarKind::Int(n) => Some(n),
        _ => None,
    }
}

fn string(node: &Node) -> Option<&str> {
    node.scalar()
        .filter(|s| s.kind == ScalarKind::Str)
        .map(|s| s.text.as_str())
}

fn strings(node: &Node, name: &str, errors: &mut Vec<(Span, String)>) -> Vec<String> {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| match string(item) {
                Some(s) => Some(s.to_string()),
                None => {
                    errors.push(error(item, &format!("{name} takes a list of strings")));
                    None
                }
            })
            .collect(),
        _ if node.is_null() => Vec::new(),
        _ => {
            errors.push(error(node, &format!("{name} takes a list")));
            Vec::new()
        }
    }
}

fn boolean(node: &Node, name: &str, errors: &mut Vec<(Span, String)>) -> bool {
    match node.scalar().map(|s| s.kind) {
        Some(ScalarKind::Bool(b)) => b,
        _ => {
            errors.push(error(node, &format!("{name} takes true or false")));
            false
        }
    }
}

fn error(node: &Node, message: &str) -> (Span, String) {
    (node.span, message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hadolint_config() {
        let settings = Settings::from_yaml(
            "ignored:\n  - DL3008\noverride:\n  error: [DL3015]\ntrustedRegistries:\n  - docker.io\nfailure-threshold: warning\nlabel-schema:\n  author: text\n",
        )
        .unwrap();
        assert_eq!(settings.ignored, ["DL3008"]);
        assert_eq!(
            settings.overrides,
            [("DL3015".to_string(), Severity::Error)]
        );
        assert_eq!(settings.trusted_registries, ["docker.io"]);
        assert_eq!(settings.failure_threshold, Some(Some(Severity::Warning)));
        assert_eq!(
            settings.label_schema,
            [("author".to_string(), LabelType::Text)]
        );
    }

    #[test]
    fn to_yaml_reads_back_to_the_same_settings() {
        let text = "ignored: [DL3008, \"odd id\"]\noverride:\n  error: [DL3015]\n  style: [no-version-field]\ntrustedRegistries: [docker.io]\nfailure-threshold: none\nno-fail: true\ndisable-ignore-pragma: true\nlabel-schema:\n  maintainer: email\nstrict-labels: true\ncontinuation-indent: 2\n";
        let settings = Settings::from_yaml(text).unwrap();
        assert_eq!(settings.continuation_indent.as_deref(), Some("  "));
        assert_eq!(Settings::from_yaml(&settings.to_yaml()).unwrap(), settings);
        assert_eq!(Settings::default().to_yaml(), "");
        let tab = Settings::from_yaml("continuation-indent: tab\n").unwrap();
        assert_eq!(tab.continuation_indent.as_deref(), Some("\t"));
        assert_eq!(Settings::from_yaml(&tab.to_yaml()).unwrap(), tab);
        for wrong in ["0", "17", "wide", "[2]"] {
            let errors =
                Settings::from_yaml(&format!("continuation-indent: {wrong}\n")).unwrap_err();
            assert!(errors[0].message.contains("1 to 16"), "{wrong}: {errors:?}");
        }
    }

    #[test]
    fn rejects_unknown_label_types_at_their_value() {
        let errors = Settings::from_yaml("label-schema:\n  author: name\n").unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (2, 11));
    }

    #[test]
    fn reports_every_problem_at_its_position() {
        let errors =
            Settings::from_yaml("ignored: DL3008\nfailure-threshold: loud\ncolour: true\n")
                .unwrap_err();
        let at: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, [(1, 10), (2, 20), (3, 1)]);
        assert!(errors[2].message.contains("unknown setting 'colour'"));
        let syntax = Settings::from_yaml("ignored: [DL3008\n").unwrap_err();
        assert_eq!(syntax.len(), 1);
    }
}
