//! Interpolation of a compose file's values with the project's environment,
//! as Docker Compose does it before it validates anything: every string
//! value (keys are left alone) has its variables substituted, unset ones
//! become a blank string with Compose's warning, a required one without a
//! value is Compose's error, and the values Compose casts (`cpus`,
//! `privileged`, `deploy.replicas`, …, compose-go's
//! `interpolateTypeCastMapping`) become numbers and booleans, or the error
//! Compose gives when they cannot.
//!
//! Spans stay those of the values as written, so the checks that follow
//! report an interpolated value where its template is.

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;
use crate::yaml::{Node, Scalar, ScalarKind, Value};

use super::semantics::{inner_span, CONFIG_ERROR};
use super::template::{self, TemplateError};

/// What a value at a path is cast to after interpolation.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Cast {
    Int,
    Float,
    Bool,
}

/// compose-go's `interpolateTypeCastMapping`: paths below a service first
/// (`*` any key, `[]` any item), then top-level ones.
const SERVICE_CASTS: &[(&str, Cast)] = &[
    ("cpu_count", Cast::Int),
    ("cpu_percent", Cast::Float),
    ("cpu_period", Cast::Int),
    ("cpu_quota", Cast::Int),
    ("cpu_rt_period", Cast::Int),
    ("cpu_rt_runtime", Cast::Int),
    ("cpus", Cast::Float),
    ("cpu_shares", Cast::Int),
    ("init", Cast::Bool),
    ("depends_on.*.required", Cast::Bool),
    ("depends_on.*.restart", Cast::Bool),
    ("deploy.replicas", Cast::Int),
    ("deploy.update_config.parallelism", Cast::Int),
    ("deploy.update_config.max_failure_ratio", Cast::Float),
    ("deploy.rollback_config.parallelism", Cast::Int),
    ("deploy.rollback_config.max_failure_ratio", Cast::Float),
    ("deploy.restart_policy.max_attempts", Cast::Int),
    ("deploy.placement.max_replicas_per_node", Cast::Int),
    ("healthcheck.retries", Cast::Int),
    ("healthcheck.disable", Cast::Bool),
    ("oom_kill_disable", Cast::Bool),
    ("oom_score_adj", Cast::Int),
    ("pids_limit", Cast::Int),
    ("ports.[].target", Cast::Int),
    ("privileged", Cast::Bool),
    ("read_only", Cast::Bool),
    ("scale", Cast::Int),
    ("stdin_open", Cast::Bool),
    ("tty", Cast::Bool),
    ("ulimits.*", Cast::Int),
    ("ulimits.*.hard", Cast::Int),
    ("ulimits.*.soft", Cast::Int),
    ("volumes.[].read_only", Cast::Bool),
    ("volumes.[].volume.nocopy", Cast::Bool),
];

const TOP_LEVEL_CASTS: &[(&str, Cast)] = &[
    ("networks.*.external", Cast::Bool),
    ("networks.*.internal", Cast::Bool),
    ("networks.*.attachable", Cast::Bool),
    ("networks.*.enable_ipv4", Cast::Bool),
    ("networks.*.enable_ipv6", Cast::Bool),
    ("volumes.*.external", Cast::Bool),
    ("secrets.*.external", Cast::Bool),
    ("configs.*.external", Cast::Bool),
];

/// Interpolates `root` (a file's root, spans in `text`) in place; `lookup`
/// gives a variable's value (`None`: unset). Returns Compose's warnings and
/// errors. Templates that are not valid are left as written: the semantic
/// checks report them.
pub fn interpolate(
    text: &str,
    root: &mut Node,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Vec<Diagnostic> {
    let mut walk = Walk {
        text,
        lookup,
        out: Vec::new(),
        path: Vec::new(),
    };
    walk.node(root);
    walk.out
}

struct Walk<'a> {
    text: &'a str,
    lookup: &'a dyn Fn(&str) -> Option<String>,
    out: Vec<Diagnostic>,
    /// Keys from the root; `[]` for a sequence item.
    path: Vec<String>,
}

impl Walk<'_> {
    fn node(&mut self, node: &mut Node) {
        let span = node.span;
        match &mut node.value {
            Value::Scalar(scalar) => self.scalar(span, scalar),
            Value::Seq(items) => {
                for item in items {
                    self.path.push("[]".into());
                    self.node(item);
                    self.path.pop();
                }
            }
            Value::Map(entries) => {
                for entry in entries {
                    self.path
                        .push(entry.key.as_str().unwrap_or_default().to_string());
                    self.node(&mut entry.value);
                    self.path.pop();
                }
            }
        }
    }

    /// The path as Compose names it in messages (`services.web.cpus`).
    fn dotted(&self) -> String {
        self.path.join(".")
    }

    fn scalar(&mut self, span: Span, scalar: &mut Scalar) {
        if scalar.kind != ScalarKind::Str {
            return;
        }
        if scalar.text.contains('$') {
            let substituted = template::substitute(&scalar.text, self.lookup);
            let written = Node {
                span,
                value: Value::Scalar(scalar.clone()),
            };
            let place = |range: std::ops::Range<usize>| {
                inner_span(self.text, &written, range.start, range.end)
            };
            match substituted.error {
                Some(TemplateError::Invalid { .. }) => return,
                Some(TemplateError::Required {
                    variable,
                    reason,
                    at,
                }) => {
                    let reason = if reason.is_empty() {
                        String::new()
                    } else {
                        format!(": {reason}")
                    };
                    let message = format!("error while interpolating {}: required variable {variable} is missing a value{reason}", self.dotted());
                    let span = place(at);
                    self.out
                        .push(Diagnostic::error(CONFIG_ERROR, span, message));
                    return;
                }
                None => {}
            }
            for (name, at) in &substituted.unset {
                let span = place(at.clone());
                let mut warning = Diagnostic::error(
                    CONFIG_ERROR,
                    span,
                    format!("The {name:?} variable is not set. Defaulting to a blank string."),
                );
                warning.severity = Severity::Warning;
                self.out.push(warning);
            }
            scalar.text = substituted.value;
        }
        let Some(cast) = self.cast() else {
            return;
        };
        match cast_value(&scalar.text, cast) {
            Ok((kind, warning)) => {
                scalar.kind = kind;
                if let Some(message) = warning {
                    let mut warning = Diagnostic::error(CONFIG_ERROR, span, message);
                    warning.severity = Severity::Warning;
                    self.out.push(warning);
                }
            }
            Err(why) => {
                let message = format!(
                    "error while interpolating {}: failed to cast to expected type: {why}",
                    self.dotted()
                );
                self.out
                    .push(Diagnostic::error(CONFIG_ERROR, span, message));
            }
        }
    }

    /// The cast Compose applies at the current path, if any.
    fn cast(&self) -> Option<Cast> {
        let path: Vec<&str> = self.path.iter().map(String::as_str).collect();
        let (table, rest) = match path.as_slice() {
            ["services", _, rest @ ..] => (SERVICE_CASTS, rest),
            rest => (TOP_LEVEL_CASTS, rest),
        };
        let matches = |pattern: &str| {
            let parts: Vec<&str> = pattern.split('.').collect();
            parts.len() == rest.len()
                && parts.iter().zip(rest).all(|(p, k)| match *p {
                    "*" => *k != "[]",
                    "[]" => *k == "[]",
                    p => p == *k,
                })
        };
        table.iter().find(|(p, _)| matches(p)).map(|(_, c)| *c)
    }
}

/// Go's `strconv` on an interpolated value: the scalar kind it becomes and
/// Compose's warning for a YAML 1.1 boolean, or why the cast fails.
fn cast_value(text: &str, cast: Cast) -> Result<(ScalarKind, Option<String>), String> {
    match cast {
        Cast::Int => {
            let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
            let valid = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
            match text.parse::<i64>() {
                Ok(n) if valid => Ok((ScalarKind::Int(n), None)),
                _ => Err(format!("strconv.Atoi: parsing {text:?}: invalid syntax")),
            }
        }
        Cast::Float => match go_float(text) {
            Some(f) => Ok((ScalarKind::Float(f), None)),
            None => Err(format!(
                "strconv.ParseFloat: parsing {text:?}: invalid syntax"
            )),
        },
        Cast::Bool => match text.to_lowercase().as_str() {
            "true" => Ok((ScalarKind::Bool(true), None)),
            "false" => Ok((ScalarKind::Bool(false), None)),
            "y" | "yes" | "on" => Ok((
                ScalarKind::Bool(true),
                Some(format!(
                    "{text:?} for boolean is not supported by YAML 1.2, please use `true`"
                )),
            )),
            "n" | "no" | "off" => Ok((
                ScalarKind::Bool(false),
                Some(format!(
                    "{text:?} for boolean is not supported by YAML 1.2, please use `false`"
                )),
            )),
            _ => Err(format!("invalid boolean: {text}")),
        },
    }
}

/// Decimal floats as Go's `ParseFloat` reads them (`1`, `.5`, `1e3`, `inf`).
fn go_float(text: &str) -> Option<f64> {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        return text.parse().ok();
    }
    let plain = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if !plain {
        return None;
    }
    text.parse().ok()
}
