//! In-file suppression and settings:
//! - `# hadolint ignore=DL3008,DL3015` and `# dockwright ignore=DL3008 -- reason`
//!   on the comment lines above an instruction silence those rules there;
//! - `# hadolint global ignore=…` and `# dockwright global ignore=…` anywhere
//!   silence them in the whole file;
//! - `# hadolint stage ignore=…` (hadolint 2.15) silences them from the next
//!   instruction to the end of its stage (the next FROM);
//! - BuildKit's `# check=skip=Rule1,Rule2;error=true` parser directive skips
//!   build checks (`skip=all` skips every one) and turns the rest into errors;
//!   the same `# check=skip=…` comment above an instruction skips them there.
//!   `experimental=Rule1` (or `all`) switches on BuildKit's experimental checks.
//!
//! Rule ids match a rule's code or any of its aliases, case-insensitively, so
//! `# hadolint ignore=DL4000` and `# check=skip=MaintainerDeprecated` both
//! silence the same rule.

use crate::diagnostic::Severity;
use crate::dockerfile::Dockerfile;
use crate::span::Span;

use super::DockerfileRule;

#[derive(Debug, Default)]
pub struct Pragmas {
    global: Vec<String>,
    /// (instruction span, rule ids ignored there).
    local: Vec<(Span, Vec<String>)>,
    skip_all_checks: bool,
    checks_are_errors: bool,
    /// `# check=experimental=…`: BuildKit's experimental checks switched on.
    experimental: Vec<String>,
}

impl Pragmas {
    /// `inline` false ignores `# hadolint ignore=` and `# dockwright ignore=`
    /// (the `disable-ignore-pragma` setting); directives still apply.
    pub fn read(dockerfile: &Dockerfile, inline: bool) -> Pragmas {
        let mut pragmas = Pragmas::default();
        for directive in dockerfile.directives.iter().filter(|d| d.name == "check") {
            for part in directive.value.split(';') {
                match part.trim().split_once('=') {
                    Some(("skip", list)) => pragmas.add_skips(list, None),
                    Some(("error", value)) => {
                        pragmas.checks_are_errors = value.trim().eq_ignore_ascii_case("true")
                    }
                    Some(("experimental", list)) => pragmas.experimental.extend(split_ids(list)),
                    _ => {}
                }
            }
        }
        for (at, node) in dockerfile.nodes.iter().enumerate().filter(|_| inline) {
            let mut ignored = Vec::new();
            for comment in &node.comments {
                if let Some(ids) = tool_pragma(comment, "global ignore") {
                    pragmas.global.extend(ids);
                } else if let Some(ids) = tool_pragma(comment, "stage ignore") {
                    let next_from = dockerfile.nodes[at + 1..]
                        .iter()
                        .find(|n| n.kind == Some(crate::dockerfile::Keyword::From))
                        .map_or(usize::MAX, |n| n.span.start.saturating_sub(1));
                    pragmas
                        .local
                        .push((Span::new(node.span.start, next_from), ids));
                } else if let Some(ids) = tool_pragma(comment, "ignore") {
                    ignored.extend(ids);
                } else if let Some(list) = comment
                    .strip_prefix("check=")
                    .and_then(|c| c.trim().strip_prefix("skip="))
                {
                    ignored.extend(split_ids(list.split(';').next().unwrap_or_default()));
                }
            }
            if !ignored.is_empty() {
                pragmas.local.push((node.span, ignored));
            }
        }
        pragmas
    }

    /// Whether `# check=experimental=` switches this rule on.
    pub fn enables(&self, rule: &DockerfileRule) -> bool {
        rule.buildkit_name().is_some()
            && self
                .experimental
                .iter()
                .any(|id| id == "all" || rule.is_named(id))
    }

    fn add_skips(&mut self, list: &str, _: Option<Span>) {
        let ids = split_ids(list);
        if ids.iter().any(|id| id == "all") {
            self.skip_all_checks = true;
        }
        self.global.extend(ids);
    }

    /// Whether a finding of `rule` at byte `at` is silenced.
    pub fn suppresses(&self, rule: &DockerfileRule, at: usize) -> bool {
        if self.skip_all_checks && rule.buildkit_name().is_some() {
            return true;
        }
        if self.global.iter().any(|id| rule.is_named(id)) {
            return true;
        }
        // `# check=skip=all` above an instruction skips every build check there.
        let buildkit = rule.buildkit_name().is_some();
        self.local.iter().any(|(span, ids)| {
            span.start <= at
                && at <= span.end
                && ids
                    .iter()
                    .any(|id| rule.is_named(id) || (buildkit && id == "all"))
        })
    }

    pub fn severity(&self, rule: &DockerfileRule) -> Severity {
        if self.checks_are_errors && rule.buildkit_name().is_some() {
            Severity::Error
        } else {
            rule.meta.severity
        }
    }
}

/// `hadolint ignore=A,B` / `dockwright ignore=A,B -- reason` (the comment
/// text without its `#`). hadolint drops a pragma that names anything but
/// rule ids, so `# hadolint ignore=crazy,DL3002` silences nothing; the same
/// happens here when an id names no rule (a typo shows instead of hiding).
fn tool_pragma(comment: &str, kind: &str) -> Option<Vec<String>> {
    let comment = comment.trim_start();
    let (tool, rest) = ["hadolint", "dockwright"]
        .iter()
        .find_map(|tool| Some((*tool, comment.strip_prefix(tool)?)))?;
    let rest = rest
        .trim_start()
        .strip_prefix(kind)?
        .trim_start()
        .strip_prefix('=')?;
    // A reason after ` -- ` or a comment after `#` ends the list.
    let list = rest.split(" --").next().unwrap_or_default();
    let list = list.split('#').next().unwrap_or_default();
    let ids = split_ids(list);
    let known = |id: &String| {
        let shellcheck = id.len() > 2
            && id[..2].eq_ignore_ascii_case("SC")
            && id[2..].chars().all(|c| c.is_ascii_digit());
        shellcheck
            || super::registry::DOCKERFILE_RULES
                .iter()
                .any(|rule| rule.is_named(id))
    };
    if tool == "hadolint" && !ids.iter().all(known) {
        return None;
    }
    Some(ids)
}

fn split_ids(list: &str) -> Vec<String> {
    list.split([',', ' '])
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect()
}
