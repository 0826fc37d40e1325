//! `.dockerignore` read as BuildKit reads it, and matched as its pattern
//! matcher matches: patterns are cleaned paths relative to the context (a
//! leading `/` is dropped), `*` and `?` stay inside one path segment, `**`
//! crosses segments, `[…]` is a character class, `\` escapes, a pattern
//! also matches everything under a directory it matches, `!` re-includes,
//! and the last matching pattern decides.

use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The cleaned pattern, without `!`.
    pub text: String,
    pub exclusion: bool,
    /// The line as written.
    pub span: Span,
    tokens: Vec<Token>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Char(char),
    /// `*`: any run of characters but `/`.
    Star,
    /// `?`: one character but `/`.
    Any,
    /// `[…]`: (ranges, negated).
    Class(Vec<(char, char)>, bool),
    /// `**/` or `**` inside a pattern: any number of whole segments.
    Dirs,
    /// `**` at the end: everything.
    Rest,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DockerIgnore {
    pub patterns: Vec<Pattern>,
}

impl DockerIgnore {
    pub fn parse(text: &str) -> DockerIgnore {
        let mut patterns = Vec::new();
        let mut offset = 0;
        for (index, raw_line) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += raw_line.len();
            let mut line = raw_line.trim_end_matches(['\n', '\r']);
            let mut line_start = start;
            if index == 0 {
                if let Some(rest) = line.strip_prefix('\u{feff}') {
                    line = rest;
                    line_start += 3;
                }
            }
            if line.starts_with('#') {
                continue;
            }
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            let leading = line.len() - line.trim_start().len();
            let span = Span::new(line_start + leading, line_start + leading + trimmed.len());
            let (exclusion, body) = match trimmed.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, trimmed),
            };
            let mut cleaned = if body.is_empty() {
                String::new()
            } else {
                clean(body)
            };
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            let tokens = compile(&cleaned);
            patterns.push(Pattern {
                text: cleaned,
                exclusion,
                span,
                tokens,
            });
        }
        DockerIgnore { patterns }
    }

    /// Whether any pattern re-includes with `!`.
    pub fn has_exclusions(&self) -> bool {
        self.patterns.iter().any(|p| p.exclusion)
    }

    /// BuildKit's `MatchesOrParentMatches`: whether `path` (relative to the
    /// context, `/`-separated) is left out of the build context.
    pub fn excludes(&self, path: &str) -> bool {
        self.excluding_pattern(path).is_some()
    }

    /// The pattern that leaves `path` (or a parent directory) out of the
    /// build context, if it is left out.
    pub fn excluding_pattern(&self, path: &str) -> Option<&Pattern> {
        let path = clean(path);
        let path = path.trim_start_matches('/');
        let mut parents = Vec::new();
        let mut at = 0;
        while let Some(i) = path[at..].find('/') {
            parents.push(&path[..at + i]);
            at += i + 1;
        }
        let mut excluding = None;
        for pattern in &self.patterns {
            // As BuildKit: an inclusion is only tried once something is
            // excluded, an exclusion only while nothing is.
            if pattern.exclusion != excluding.is_some() {
                continue;
            }
            let hit = matches(&pattern.tokens, path)
                || parents.iter().any(|p| matches(&pattern.tokens, p));
            if hit {
                excluding = if pattern.exclusion {
                    None
                } else {
                    Some(pattern)
                };
            }
        }
        excluding
    }
}

/// Go's `path.Clean` for `/`-separated paths.
pub fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".into();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

fn compile(pattern: &str) -> Vec<Token> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                tokens.push(if i >= chars.len() {
                    Token::Rest
                } else {
                    Token::Dirs
                });
                continue;
            }
            '*' => tokens.push(Token::Star),
            '?' => tokens.push(Token::Any),
            '\\' if i + 1 < chars.len() => {
                i += 1;
                tokens.push(Token::Char(chars[i]));
            }
            '[' => {
                let mut j = i + 1;
                let negated = matches!(chars.get(j), Some('^' | '!'));
                if negated {
                    j += 1;
                }
                let mut ranges = Vec::new();
                let mut closed = false;
                while j < chars.len() {
                    if chars[j] == ']' && !ranges.is_empty() {
                        closed = true;
                        break;
                    }
                    let mut low = chars[j];
                    if low == '\\' && j + 1 < chars.len() {
                        j += 1;
                        low = chars[j];
                    }
                    let mut high = low;
                    if chars.get(j + 1) == Some(&'-') && chars.get(j + 2).is_some_and(|c| *c != ']')
                    {
                        high = chars[j + 2];
                        j += 2;
                    }
                    ranges.push((low, high));
                    j += 1;
                }
                if closed {
                    tokens.push(Token::Class(ranges, negated));
                    i = j + 1;
                    continue;
                }
                tokens.push(Token::Char('['));
            }
            c => tokens.push(Token::Char(c)),
        }
        i += 1;
    }
    tokens
}

/// Whether the tokens match the whole path. Backtracking is bounded by the
/// lengths involved (patterns and paths are short).
fn matches(tokens: &[Token], path: &str) -> bool {
    let chars: Vec<char> = path.chars().collect();
    let mut budget = 100_000u32;
    match_at(tokens, &chars, &mut budget)
}

fn match_at(tokens: &[Token], path: &[char], budget: &mut u32) -> bool {
    if *budget == 0 {
        return false;
    }
    *budget -= 1;
    let Some((token, rest)) = tokens.split_first() else {
        return path.is_empty();
    };
    match token {
        Token::Char(c) => path.first() == Some(c) && match_at(rest, &path[1..], budget),
        Token::Any => path.first().is_some_and(|c| *c != '/') && match_at(rest, &path[1..], budget),
        Token::Class(ranges, negated) => {
            path.first().is_some_and(|&c| {
                c != '/' && (ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated)
            }) && match_at(rest, &path[1..], budget)
        }
        Token::Star => {
            let run = path.iter().take_while(|c| **c != '/').count();
            (0..=run).rev().any(|n| match_at(rest, &path[n..], budget))
        }
        Token::Rest => true,
        Token::Dirs => {
            // Zero segments, or any prefix ending in `/`.
            if match_at(rest, path, budget) {
                return true;
            }
            path.iter()
                .enumerate()
                .filter(|(_, c)| **c == '/')
                .any(|(i, _)| match_at(rest, &path[i + 1..], budget))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excluded(ignore: &str, path: &str) -> bool {
        DockerIgnore::parse(ignore).excludes(path)
    }

    #[test]
    fn patterns_match_as_buildkit() {
        assert!(excluded("node_modules", "node_modules/a/b.js"));
        assert!(excluded("/node_modules", "node_modules"));
        assert!(!excluded("node_modules", "web/node_modules"));
        assert!(excluded("**/node_modules", "web/node_modules/x"));
        assert!(excluded("*.md", "README.md"));
        assert!(!excluded("*.md", "docs/README.md"));
        assert!(excluded("**/*.md", "docs/README.md"));
        assert!(excluded("docs/**", "docs/a/b"));
        assert!(excluded(".git", ".git/HEAD"));
        assert!(excluded("./.env", ".env"));
        assert!(excluded("a/../b", "b"));
        assert!(excluded("file?.txt", "file1.txt"));
        assert!(!excluded("file?.txt", "file10.txt"));
        assert!(excluded("[a-c]*", "build"));
        assert!(!excluded("[!a-c]*", "build"));
        assert!(excluded("a/**/b", "a/b"));
        assert!(excluded("a/**/b", "a/x/y/b"));
        assert!(!excluded("*\n!keep.md", "keep.md"));
        assert!(excluded("*.md\n!README.md\n*.md", "README.md"));
        assert!(!excluded("# *.md\n", "a.md"));
    }

    #[test]
    fn clean_is_go_path_clean() {
        assert_eq!(clean("./a//b/../c/"), "a/c");
        assert_eq!(clean("/../x"), "/x");
        assert_eq!(clean("../../x"), "../../x");
        assert_eq!(clean(""), ".");
    }
}
