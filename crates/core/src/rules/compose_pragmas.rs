//! Comments that silence compose rules, as dclint reads them, plus ours:
//!
//! - `# dclint disable` (the whole file) or `# dclint disable rule-a rule-b`
//!   on a line of its own;
//! - `# dclint disable-next-line [rules]` silences the next line;
//! - `# dclint disable-line [rules]` at the end of a line silences that line;
//! - `# dclint enable rule` switches on a rule that is off by default;
//! - `# dockwright ignore=rule-a,rule-b -- reason` silences the next line.
//!
//! Rules are named by code or alias; no rule named means every rule.

use crate::span::Span;

use super::RuleMeta;

#[derive(Default)]
pub struct ComposePragmas {
    /// Rules silenced in the whole file; an empty list is every rule.
    file: Option<Vec<String>>,
    /// (line span, rules silenced there; empty is every rule).
    lines: Vec<(Span, Vec<String>)>,
    enabled: Vec<String>,
}

impl ComposePragmas {
    /// `inline` false (the `disable-ignore-pragma` setting) ignores them all.
    pub fn read(text: &str, inline: bool) -> ComposePragmas {
        let mut pragmas = ComposePragmas::default();
        if !inline {
            return pragmas;
        }
        let mut offset = 0;
        let lines: Vec<(usize, &str)> = text
            .split_inclusive('\n')
            .map(|line| {
                let start = offset;
                offset += line.len();
                (start, line.trim_end_matches(['\n', '\r']))
            })
            .collect();
        for (index, &(start, line)) in lines.iter().enumerate() {
            let Some(comment) = comment_of(line) else {
                continue;
            };
            let whole_line = line.trim_start().starts_with('#');
            let next_line = || {
                lines[index + 1..]
                    .iter()
                    .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                    .map(|&(s, l)| Span::new(s, s + l.len()))
            };
            if let Some(rest) = comment.strip_prefix("dclint ") {
                let mut words = rest.split([' ', ',']).filter(|w| !w.is_empty());
                let Some(command) = words.next() else {
                    continue;
                };
                let rules: Vec<String> = words.map(str::to_string).collect();
                match command {
                    "disable" if whole_line => {
                        pragmas
                            .file
                            .get_or_insert_with(Vec::new)
                            .extend(if rules.is_empty() {
                                vec!["*".to_string()]
                            } else {
                                rules
                            })
                    }
                    "disable-next-line" => {
                        if let Some(span) = next_line() {
                            pragmas.lines.push((span, rules));
                        }
                    }
                    "disable-line" => pragmas
                        .lines
                        .push((Span::new(start, start + line.len()), rules)),
                    "enable" => pragmas.enabled.extend(rules),
                    _ => {}
                }
            } else if let Some(rest) = comment.strip_prefix("dockwright ignore=") {
                let list = rest.split(" --").next().unwrap_or_default();
                let rules: Vec<String> = list
                    .split(',')
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty())
                    .collect();
                if let Some(span) = next_line().filter(|_| !rules.is_empty()) {
                    pragmas.lines.push((span, rules));
                }
            }
        }
        pragmas
    }

    pub fn enables(&self, rule: &RuleMeta) -> bool {
        self.enabled.iter().any(|id| rule.is_named(id))
    }

    pub fn suppresses(&self, rule: &RuleMeta, at: usize) -> bool {
        let matches =
            |ids: &[String]| ids.is_empty() || ids.iter().any(|id| id == "*" || rule.is_named(id));
        if self.file.as_deref().is_some_and(matches) {
            return true;
        }
        self.lines
            .iter()
            .any(|(span, ids)| span.start <= at && at <= span.end && matches(ids))
    }
}

/// The text of a YAML comment on the line, without `#` and spaces: a `#` at
/// the start of the line or after a space, outside quotes.
fn comment_of(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    let mut quote: Option<u8> = None;
    for (i, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            // A quote opens a quoted scalar only where a token starts.
            None if (b == b'"' || b == b'\'')
                && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b'{' | b',')) =>
            {
                quote = Some(b)
            }
            None if b == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') => {
                return Some(line[i + 1..].trim());
            }
            None => {}
        }
    }
    None
}
