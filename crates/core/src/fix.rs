//! Quick fixes: text edits a rule attaches to a finding when the change is
//! unambiguous, and the loop that applies them safely.
//!
//! A fix is only offered where the rule knows the one right change (a flag
//! added, a keyword re-cased, a form rewritten without a change of meaning).
//! `fix_text` applies fixes pass by pass, re-lints after each pass and keeps a
//! pass only if it adds no error: a fix never makes a file worse.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::span::Span;

/// One replacement of the text at `span`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Edit {
    pub fn replace(span: Span, text: impl Into<String>) -> Edit {
        Edit {
            span,
            text: text.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit::replace(Span::empty(at), text)
    }

    pub fn delete(span: Span) -> Edit {
        Edit::replace(span, "")
    }
}

/// What a finding's quick fix does (its title, shown on the button) and the
/// edits it makes, which never overlap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            title: title.into(),
            edits,
        }
    }

    /// Whether every edit lies inside `text` on char boundaries and no two
    /// overlap (an insertion may touch a replacement's end).
    pub fn is_valid_for(&self, text: &str) -> bool {
        let mut sorted: Vec<&Edit> = self.edits.iter().collect();
        crate::sort::sort_by_key(&mut sorted, |e| (e.span.start, e.span.end));
        sorted.windows(2).all(|w| w[0].span.end <= w[1].span.start)
            && sorted.iter().all(|e| {
                e.span.start <= e.span.end
                    && e.span.end <= text.len()
                    && text.is_char_boundary(e.span.start)
                    && text.is_char_boundary(e.span.end)
            })
    }
}

/// Applies the fixes that do not overlap an earlier one (in order of their
/// first edit); returns the new text and the indices (into `fixes`) of the
/// fixes applied.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, Vec<usize>) {
    let mut order: Vec<usize> = (0..fixes.len())
        .filter(|&i| !fixes[i].edits.is_empty() && fixes[i].is_valid_for(text))
        .collect();
    crate::sort::sort_by_key(&mut order, |&i| {
        fixes[i].edits.iter().map(|e| e.span.start).min()
    });
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = Vec::new();
    for i in order {
        let fix = fixes[i];
        let clashes = fix
            .edits
            .iter()
            .any(|e| edits.iter().any(|t| overlaps(t.span, e.span)));
        if !clashes {
            edits.extend(fix.edits.iter());
            applied.push(i);
        }
    }
    crate::sort::sort_by_key(&mut edits, |e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.text);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    crate::sort::sort(&mut applied);
    (out, applied)
}

/// Two edits clash when they replace overlapping text, or insert at the
/// same place (their order would be a guess).
fn overlaps(a: Span, b: Span) -> bool {
    if a.is_empty() || b.is_empty() {
        return a.start == b.start
            || (b.start < a.start && a.start < b.end)
            || (a.start < b.start && b.start < a.end);
    }
    a.start < b.end && b.start < a.end
}

/// The outcome of fixing one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// The codes of the fixes applied, in order, one per fix.
    pub applied: Vec<&'static str>,
}

/// The most passes `fix_text` makes; a fix can reveal another (a fixed
/// stage name lets a reference be fixed), but never endlessly.
const MAX_PASSES: usize = 8;

/// Applies every quick fix `lint` offers, pass by pass, until none is left.
/// A pass that would add an error, or change nothing, ends the loop and is
/// dropped; `only` restricts the fixes to the given codes.
pub fn fix_text(
    text: &str,
    lint: impl Fn(&str) -> Vec<Diagnostic>,
    only: Option<&[&str]>,
) -> Fixed {
    let mut current = text.to_string();
    let mut applied = Vec::new();
    let mut findings = lint(&current);
    for _ in 0..MAX_PASSES {
        let fixable: Vec<&Diagnostic> = findings
            .iter()
            .filter(|d| d.fix.is_some())
            .filter(|d| only.is_none_or(|codes| codes.iter().any(|c| d.is_named(c))))
            .collect();
        if fixable.is_empty() {
            break;
        }
        let fixes: Vec<&Fix> = fixable.iter().filter_map(|d| d.fix.as_ref()).collect();
        let (next, taken) = apply(&current, &fixes);
        if taken.is_empty() || next == current {
            break;
        }
        let next_findings = lint(&next);
        if errors(&next_findings) > errors(&findings) {
            break;
        }
        applied.extend(taken.iter().map(|&i| fixable[i].code));
        current = next;
        findings = next_findings;
    }
    Fixed {
        text: current,
        applied,
    }
}

fn errors(findings: &[Diagnostic]) -> usize {
    findings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_fixes_apply_first_one_only() {
        let a = Fix::new("a", vec![Edit::replace(Span::new(0, 3), "xyz")]);
        let b = Fix::new("b", vec![Edit::replace(Span::new(2, 4), "!")]);
        let c = Fix::new("c", vec![Edit::insert(5, "+")]);
        let (text, applied) = apply("abcdefg", &[&a, &b, &c]);
        assert_eq!((text.as_str(), applied), ("xyzde+fg", vec![0, 2]));
    }

    #[test]
    fn edits_outside_the_text_are_refused() {
        let bad = Fix::new("bad", vec![Edit::insert(99, "x")]);
        let split = Fix::new("split", vec![Edit::insert(1, "x")]);
        assert_eq!(apply("é", &[&bad, &split]), ("é".to_string(), vec![]));
    }
}
