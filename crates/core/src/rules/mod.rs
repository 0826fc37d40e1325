//! The rule engine: a registry of rules, each in its own file with its docs,
//! its ids in other tools, its default severity and its check.
//!
//! A rule reports `Finding`s (span and message); the engine gives them the
//! rule's code, aliases and severity, then applies pragmas and settings.

pub mod dockerfile;
pub mod pragmas;
pub mod registry;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::dockerfile::Dockerfile;
use crate::span::Span;

/// Where a rule's behaviour comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    BuildKit,
    Hadolint,
    Dockwright,
}

/// A rule's identity and documentation.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    /// hadolint's id where hadolint has the rule, else BuildKit's name, else ours.
    pub code: &'static str,
    /// The same rule's ids in the other tools.
    pub aliases: &'static [&'static str],
    /// One line: what the rule wants.
    pub summary: &'static str,
    pub severity: Severity,
    pub origin: Origin,
    /// Off unless enabled in the settings.
    pub off_by_default: bool,
    /// Markdown: What it does, Why is this bad?, Example, Use instead, References.
    pub docs: &'static str,
}

/// What a rule reports: where, and what to say.
#[derive(Debug, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    pub message: String,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Finding {
        Finding {
            span,
            message: message.into(),
        }
    }
}

/// Everything a Dockerfile rule may look at.
pub struct DockerfileContext<'a> {
    pub text: &'a str,
    pub dockerfile: &'a Dockerfile,
}

pub struct DockerfileRule {
    pub meta: RuleMeta,
    pub check: fn(&DockerfileContext, &mut Vec<Finding>),
}

impl DockerfileRule {
    /// Whether `id` names this rule (its code or an alias), as pragmas and
    /// settings may use either.
    pub fn is_named(&self, id: &str) -> bool {
        self.meta.code.eq_ignore_ascii_case(id)
            || self.meta.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
    }

    /// BuildKit's name for the rule, if BuildKit has it.
    pub fn buildkit_name(&self) -> Option<&'static str> {
        if self.meta.origin == Origin::BuildKit && !self.meta.code.starts_with("DL") {
            return Some(self.meta.code);
        }
        self.meta.aliases.iter().copied().find(|a| {
            a.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && !a.starts_with("DL")
        })
    }
}

/// Runs every enabled Dockerfile rule and applies the file's pragmas.
pub fn check_dockerfile(text: &str, dockerfile: &Dockerfile) -> Vec<Diagnostic> {
    let context = DockerfileContext { text, dockerfile };
    let pragmas = pragmas::Pragmas::read(dockerfile);
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for rule in registry::DOCKERFILE_RULES {
        if rule.meta.off_by_default {
            continue;
        }
        findings.clear();
        (rule.check)(&context, &mut findings);
        for finding in findings.drain(..) {
            let span = finding.span.clamp_to(text);
            if pragmas.suppresses(rule, span.start) {
                continue;
            }
            out.push(Diagnostic {
                span,
                code: rule.meta.code,
                aliases: rule.meta.aliases,
                severity: pragmas.severity(rule),
                message: finding.message,
            });
        }
    }
    out
}
