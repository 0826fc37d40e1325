//! Compose files: spanned YAML, the compose-spec schema and compose-go's
//! semantics (the rules on top are run by `lint`).

pub mod dotenv;
pub mod interpolate;
pub mod loader;
pub mod merge;
pub mod output;
pub mod resolve;
pub mod schema;
pub mod schema_docs;
#[rustfmt::skip]
pub mod schema_table;
pub mod semantics;
pub mod template;
pub mod values;

use crate::diagnostic::{Diagnostic, Severity};
use crate::yaml::{self, Node};

/// YAML that cannot be read (syntax, duplicate keys, limits).
pub const SYNTAX_ERROR: &str = "syntax-error";
/// A violation of the compose-spec schema (dclint's id).
pub const INVALID_SCHEMA: &str = "invalid-schema";

/// A compose file, read.
pub struct ComposeFile {
    pub root: Option<Node>,
    /// YAML and schema problems, in reading order.
    pub errors: Vec<Diagnostic>,
}

/// Whether a service runs with the active profiles: a service without
/// `profiles` always does, one with them when one of them is active (as
/// `docker compose --profile`; `*` activates every profile).
pub fn service_runs(service: &Node, active: &[String]) -> bool {
    let Some(profiles) = service.get("profiles") else {
        return true;
    };
    profiles.items().is_empty()
        || active.iter().any(|a| a == "*")
        || profiles
            .items()
            .iter()
            .filter_map(Node::as_str)
            .any(|p| active.iter().any(|a| a == p))
}

/// What the checks of a compose root know of their circumstances.
#[derive(Clone, Copy, Debug, Default)]
pub struct Checks<'a> {
    /// Part of the model could not be read (an included file is missing):
    /// nothing is reported undefined.
    pub incomplete: bool,
    /// The active profiles: references of services that do not run are
    /// warnings (Docker Compose checks them once their profile is active).
    pub profiles: &'a [String],
}

/// Reads a compose file and checks it against the compose-spec schema and
/// compose-go's semantics.
pub fn parse(text: &str) -> ComposeFile {
    parse_with(text, &Checks::default())
}

/// [`parse`] with the active profiles.
pub fn parse_with(text: &str, checks: &Checks) -> ComposeFile {
    let document = yaml::parse(text);
    let mut errors: Vec<Diagnostic> = document
        .errors
        .into_iter()
        .map(|e| Diagnostic::error(SYNTAX_ERROR, e.span, e.message))
        .collect();
    let empty = document.root.as_ref().is_none_or(Node::is_null);
    if empty && errors.is_empty() {
        errors.push(Diagnostic::error(
            semantics::CONFIG_ERROR,
            crate::span::Span::empty(0),
            "empty compose file: add `services:` with at least one service",
        ));
    }
    if let Some(root) = &document.root {
        if !root.is_map() && !root.is_null() {
            errors.push(Diagnostic::error(
                INVALID_SCHEMA,
                root.span,
                "a compose file is a mapping with `services:` at the top level",
            ));
        } else if root.is_map() {
            errors.extend(check_root(text, root, checks));
        }
    }
    ComposeFile {
        root: document.root,
        errors,
    }
}

/// The schema and compose-go's semantics, on a file's (or a merged) root.
pub fn check_root(text: &str, root: &Node, checks: &Checks) -> Vec<Diagnostic> {
    let mut errors = semantics::interpolation_syntax(text, root);
    errors.extend(check_interpolated_root(text, root, checks));
    errors
}

/// The schema and the semantics after interpolation, on a root whose
/// values are interpolated (or left undecided).
pub fn check_interpolated_root(text: &str, root: &Node, checks: &Checks) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    // The obsolete `version` key is the no-version-field rule's.
    let violations = schema::validate(root)
        .into_iter()
        .filter(|v| !(v.warning && v.message == "version is deprecated"));
    for violation in violations {
        let mut diagnostic = Diagnostic::error(INVALID_SCHEMA, violation.span, violation.message);
        if violation.warning {
            diagnostic.severity = Severity::Warning;
        }
        errors.push(diagnostic);
    }
    errors.extend(semantics::check_interpolated(text, root, checks));
    errors.extend(loader::check(root));
    errors
}
