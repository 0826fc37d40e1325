//! BuildKit's word expansion: quotes, escapes and `${…}` substitution.
//!
//! The builder expands variables in most instructions (ENV, COPY, WORKDIR,
//! FROM with global ARGs, …) with its own small shell-like lexer. This is a
//! behavioural port of that lexer: same quoting rules, same modifiers, same
//! word splitting, same error cases; the golden tables in BuildKit's
//! `envVarTest` and `wordsTest` pass in full (see `tests/shell.rs`).

use std::collections::{BTreeSet, HashMap};

/// Variables visible to an expansion.
pub trait Env {
    fn get(&self, name: &str) -> Option<&str>;
}

impl Env for HashMap<String, String> {
    fn get(&self, name: &str) -> Option<&str> {
        HashMap::get(self, name).map(String::as_str)
    }
}

impl Env for Vec<(String, String)> {
    fn get(&self, name: &str) -> Option<&str> {
        // Later definitions win, as in BuildKit's BuildEnvs.
        self.iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// No variables at all.
pub struct NoEnv;

impl Env for NoEnv {
    fn get(&self, _: &str) -> Option<&str> {
        None
    }
}

/// Lexer switches; BuildKit uses the raw forms to find heredoc markers.
#[derive(Clone, Copy, Debug)]
pub struct LexOptions {
    pub escape: char,
    /// Keep quote characters in the result.
    pub raw_quotes: bool,
    /// Keep escape characters in the result.
    pub raw_escapes: bool,
    /// Leave `$name` of unset variables as written.
    pub skip_unset: bool,
}

impl Default for LexOptions {
    fn default() -> Self {
        LexOptions {
            escape: '\\',
            raw_quotes: false,
            raw_escapes: false,
            skip_unset: false,
        }
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Expansion {
    /// The word with quotes removed and variables substituted.
    pub result: String,
    /// The same text split into words: unquoted expansion results split on
    /// white space, quoted ones do not.
    pub words: Vec<String>,
    /// Names that were referenced and set.
    pub matched: BTreeSet<String>,
    /// Names that were referenced but not set.
    pub unmatched: BTreeSet<String>,
}

/// Expands `word` against `env`. Errors carry BuildKit's message.
pub fn expand(word: &str, env: &dyn Env, options: LexOptions) -> Result<Expansion, String> {
    let mut lexer = Lexer {
        text: word,
        pos: 0,
        env,
        options,
        raw_escapes: options.raw_escapes,
        matched: BTreeSet::new(),
        unmatched: BTreeSet::new(),
        depth: 0,
    };
    // Go's text/scanner skips a byte-order mark at the very start.
    if word.starts_with('\u{feff}') {
        lexer.pos = 3;
    }
    let (result, words) = lexer.until(None, options.raw_escapes)?;
    Ok(Expansion {
        result,
        words,
        matched: lexer.matched,
        unmatched: lexer.unmatched,
    })
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    env: &'a dyn Env,
    options: LexOptions,
    raw_escapes: bool,
    matched: BTreeSet<String>,
    unmatched: BTreeSet<String>,
    /// Nesting of `${…}` being read; bounded so hostile input cannot
    /// exhaust the stack (BuildKit's Go stack grows; ours, in wasm, does not).
    depth: usize,
}

/// Deeper `${a:-${b:-…}}` nesting than any real file uses is refused.
const MAX_NESTING: usize = 64;

#[derive(Default)]
struct Words {
    word: String,
    words: Vec<String>,
    in_word: bool,
}

impl Words {
    fn add_char(&mut self, c: char) {
        if c.is_whitespace() {
            if self.in_word && !self.word.is_empty() {
                self.words.push(std::mem::take(&mut self.word));
                self.in_word = false;
            }
        } else {
            self.add_raw_char(c);
        }
    }

    fn add_raw_char(&mut self, c: char) {
        self.word.push(c);
        self.in_word = true;
    }

    fn add_string(&mut self, s: &str) {
        s.chars().for_each(|c| self.add_char(c));
    }

    fn add_raw_string(&mut self, s: &str) {
        self.word.push_str(s);
        self.in_word = true;
    }

    fn finish(mut self) -> Vec<String> {
        if !self.word.is_empty() {
            self.words.push(self.word);
        }
        self.words
    }
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn until(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Vec<String>), String> {
        let saved_raw = std::mem::replace(&mut self.raw_escapes, raw_escapes);
        let outcome = self.until_inner(stop);
        self.raw_escapes = saved_raw;
        outcome
    }

    fn until_inner(&mut self, stop: Option<char>) -> Result<(String, Vec<String>), String> {
        let mut result = String::new();
        let mut words = Words::default();
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                self.pos += c.len_utf8();
                return Ok((result, words.finish()));
            }
            match c {
                '$' => {
                    let value = self.dollar()?;
                    words.add_string(&value);
                    result.push_str(&value);
                }
                '\'' => {
                    let value = self.single_quoted()?;
                    words.add_raw_string(&value);
                    result.push_str(&value);
                }
                '"' => {
                    let value = self.double_quoted()?;
                    words.add_raw_string(&value);
                    result.push_str(&value);
                }
                _ => {
                    self.pos += c.len_utf8();
                    let mut c = c;
                    if c == self.options.escape {
                        if self.raw_escapes {
                            words.add_raw_char(c);
                            result.push(c);
                        }
                        // An escape at the very end is dropped.
                        let Some(escaped) = self.next() else { break };
                        c = escaped;
                        words.add_raw_char(c);
                    } else {
                        words.add_char(c);
                    }
                    result.push(c);
                }
            }
        }
        match stop {
            Some(stop) => Err(format!(
                "unexpected end of statement while looking for matching {stop}"
            )),
            None => Ok((result, words.finish())),
        }
    }

    fn single_quoted(&mut self) -> Result<String, String> {
        let mut out = String::new();
        self.next();
        if self.options.raw_quotes {
            out.push('\'');
        }
        loop {
            match self.next() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching single-quote"
                            .into(),
                    )
                }
                Some('\'') => {
                    if self.options.raw_quotes {
                        out.push('\'');
                    }
                    return Ok(out);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn double_quoted(&mut self) -> Result<String, String> {
        let mut out = String::new();
        self.next();
        if self.options.raw_quotes {
            out.push('"');
        }
        loop {
            match self.peek() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching double-quote"
                            .into(),
                    )
                }
                Some('"') => {
                    self.next();
                    if self.options.raw_quotes {
                        out.push('"');
                    }
                    return Ok(out);
                }
                Some('$') => {
                    let value = self.dollar()?;
                    out.push_str(&value);
                }
                Some(mut c) => {
                    self.next();
                    if c == self.options.escape {
                        if self.raw_escapes {
                            out.push(c);
                        }
                        match self.peek() {
                            None => continue,
                            // Only these can be escaped inside double quotes.
                            Some(n) if n == '"' || n == '$' || n == self.options.escape => {
                                c = n;
                                self.next();
                            }
                            Some(_) => {}
                        }
                    }
                    out.push(c);
                }
            }
        }
    }

    fn lookup(&mut self, name: &str) -> Option<String> {
        match self.env.get(name) {
            Some(value) => {
                self.matched.insert(name.to_string());
                Some(value.to_string())
            }
            None => {
                self.unmatched.insert(name.to_string());
                None
            }
        }
    }

    fn dollar(&mut self) -> Result<String, String> {
        if self.depth >= MAX_NESTING {
            return Err(format!(
                "syntax error: substitutions nested more than {MAX_NESTING} deep"
            ));
        }
        self.depth += 1;
        let outcome = self.dollar_inner();
        self.depth -= 1;
        outcome
    }

    fn dollar_inner(&mut self) -> Result<String, String> {
        self.next(); // '$'
        if self.peek() != Some('{') {
            let name = self.name();
            if name.is_empty() {
                return Ok("$".into());
            }
            return Ok(match self.lookup(&name) {
                Some(value) => value,
                None if self.options.skip_unset => format!("${name}"),
                None => String::new(),
            });
        }
        self.next(); // '{'
        match self.peek() {
            None => return Err("syntax error: missing '}'".into()),
            Some('{' | '}' | ':') => return Err("syntax error: bad substitution".into()),
            Some(_) => {}
        }
        let name = self.name();
        let Some(mut op) = self.next() else {
            return Err("syntax error: missing '}'".into());
        };
        let mut modifier = op.to_string();
        let mut null_is_unset = false;
        match op {
            '}' => {
                return Ok(match self.lookup(&name) {
                    Some(value) => value,
                    None if self.options.skip_unset => format!("${{{name}}}"),
                    None => String::new(),
                })
            }
            '/' => return self.replace(&name),
            ':' => {
                null_is_unset = true;
                match self.next() {
                    Some(c) => {
                        op = c;
                        modifier.push(c);
                    }
                    None => return Err("syntax error: missing '}'".into()),
                }
            }
            '+' | '-' | '?' | '#' | '%' => {}
            _ => return Err(format!("unsupported modifier ({modifier}) in substitution")),
        }
        let raw = op == '#' || op == '%';
        let word = match self.until(Some('}'), raw) {
            Ok((word, _)) => word,
            Err(_) if self.peek().is_none() => return Err("syntax error: missing '}'".into()),
            Err(err) => return Err(err),
        };
        let value = self.lookup(&name);
        if value.is_none() && self.options.skip_unset {
            return Ok(format!("${{{name}{modifier}{word}}}"));
        }
        let empty_or_unset = match &value {
            None => true,
            Some(v) => null_is_unset && v.is_empty(),
        };
        match op {
            '-' => Ok(if empty_or_unset {
                word
            } else {
                value.unwrap_or_default()
            }),
            '+' => Ok(if empty_or_unset { String::new() } else { word }),
            '?' => match value {
                None => Err(format!(
                    "{name}: {}",
                    or_default(word, "is not allowed to be unset")
                )),
                Some(v) if null_is_unset && v.is_empty() => Err(format!(
                    "{name}: {}",
                    or_default(word, "is not allowed to be empty")
                )),
                Some(v) => Ok(v),
            },
            '#' | '%' => {
                let (greedy, pattern) = match word.strip_prefix(op) {
                    Some(rest) => (true, rest.to_string()),
                    None => (false, word),
                };
                let glob = Glob::parse(&pattern)?;
                let value = value.unwrap_or_default();
                Ok(if op == '#' {
                    glob.trim_prefix(&value, greedy)
                } else {
                    glob.trim_suffix(&value, greedy)
                })
            }
            _ => Err(format!("unsupported modifier ({modifier}) in substitution")),
        }
    }

    fn replace(&mut self, name: &str) -> Result<String, String> {
        let all = self.peek() == Some('/');
        if all {
            self.next();
        }
        let pattern = match self.until(Some('/'), true) {
            Ok((p, _)) => p,
            Err(_) if self.peek().is_none() => {
                return Err("syntax error: missing '/' in ${}".into())
            }
            Err(err) => return Err(err),
        };
        let replacement = match self.until(Some('}'), true) {
            Ok((r, _)) => r,
            Err(_) if self.peek().is_none() => return Err("syntax error: missing '}'".into()),
            Err(err) => return Err(err),
        };
        let value = self.lookup(name);
        if value.is_none() && self.options.skip_unset {
            return Ok(format!("${{{name}/{pattern}/{replacement}}}"));
        }
        let value = value.unwrap_or_default();
        let glob = Glob::parse(&pattern)?;
        Ok(glob.replace(&value, &replacement, all))
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if name.is_empty() && c.is_numeric() {
                while let Some(d) = self.peek().filter(|d| d.is_numeric()) {
                    self.next();
                    name.push(d);
                }
                return name;
            }
            if name.is_empty() && matches!(c, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                return c.to_string();
            }
            if !c.is_alphanumeric() && c != '_' {
                break;
            }
            self.next();
            name.push(c);
        }
        name
    }
}

fn or_default(word: String, default: &str) -> String {
    if word.is_empty() {
        default.to_string()
    } else {
        word
    }
}

/// A `${…}` pattern: `*` and `?` wildcards (never crossing a newline, as in
/// BuildKit's regex translation), `\*`, `\?` and `\\` for literals.
#[derive(Debug)]
struct Glob {
    tokens: Vec<GlobToken>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum GlobToken {
    Any,
    One,
    Char(char),
}

/// Matching work allowed for one pattern operation; beyond it the value is
/// left unchanged rather than spending unbounded time on hostile input.
const GLOB_BUDGET: usize = 4_000_000;

impl Glob {
    fn parse(pattern: &str) -> Result<Glob, String> {
        let mut tokens = Vec::new();
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            tokens.push(match c {
                '*' => GlobToken::Any,
                '?' => GlobToken::One,
                '\\' => match chars.peek() {
                    // `\}` and `\/` escape the ${} syntax, not the pattern.
                    Some('}' | '/') => continue,
                    Some(&n @ ('*' | '?' | '\\')) => {
                        chars.next();
                        GlobToken::Char(n)
                    }
                    other => {
                        let shown = other.map(|c| c.to_string()).unwrap_or_default();
                        return Err(format!(
                            "invalid pattern ({pattern}) in substitution: invalid escape '\\{shown}'"
                        ));
                    }
                },
                c => GlobToken::Char(c),
            });
        }
        Ok(Glob { tokens })
    }

    /// Every end offset `e` such that `text[start..e]` matches, in
    /// leftmost-first preference order (greedy or lazy stars).
    fn match_ends(&self, chars: &[char], start: usize, greedy: bool) -> Vec<usize> {
        // reachable[i] = set of text positions after matching tokens[..i].
        let mut positions = vec![start];
        for token in &self.tokens {
            let mut next = Vec::new();
            for &p in &positions {
                match token {
                    GlobToken::Char(c) => {
                        if chars.get(p) == Some(c) {
                            next.push(p + 1);
                        }
                    }
                    GlobToken::One => {
                        if chars.get(p).is_some_and(|&c| c != '\n') {
                            next.push(p + 1);
                        }
                    }
                    GlobToken::Any => {
                        // Positions ascend, so a run already extended to its
                        // newline stops the next one at once: linear per token.
                        if next.last().is_some_and(|&last| last >= p) {
                            continue;
                        }
                        next.push(p);
                        let mut q = p;
                        while chars.get(q).is_some_and(|&c| c != '\n') {
                            q += 1;
                            next.push(q);
                        }
                    }
                }
            }
            crate::sort::sort(&mut next);
            next.dedup();
            positions = next;
            if positions.is_empty() {
                break;
            }
        }
        if greedy {
            positions.reverse();
        }
        positions
    }

    fn within_budget(&self, chars: &[char]) -> bool {
        chars.len().saturating_mul(self.tokens.len() + 1) <= GLOB_BUDGET
    }

    fn trim_prefix(&self, value: &str, greedy: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        if !self.within_budget(&chars) {
            return value.to_string();
        }
        match self.match_ends(&chars, 0, greedy).first() {
            Some(&end) => chars[end..].iter().collect(),
            None => value.to_string(),
        }
    }

    fn trim_suffix(&self, value: &str, greedy: bool) -> String {
        let reversed = Glob {
            tokens: self.tokens.iter().rev().copied().collect(),
        };
        let chars: Vec<char> = value.chars().rev().collect();
        if !self.within_budget(&chars) {
            return value.to_string();
        }
        match reversed.match_ends(&chars, 0, greedy).first() {
            Some(&end) => chars[end..].iter().rev().collect(),
            None => value.to_string(),
        }
    }

    fn replace(&self, value: &str, replacement: &str, all: bool) -> String {
        let chars: Vec<char> = value.chars().collect();
        // Every start position is tried, so the cost is quadratic in the value.
        if chars
            .len()
            .saturating_mul(chars.len())
            .saturating_mul(self.tokens.len() + 1)
            > GLOB_BUDGET
        {
            return value.to_string();
        }
        let mut out = String::new();
        let mut pos = 0;
        let mut search = 0;
        while search <= chars.len() {
            let found = self.match_ends(&chars, search, true).first().copied();
            match found {
                Some(end) => {
                    out.extend(&chars[pos..search]);
                    out.push_str(replacement);
                    pos = end;
                    if !all {
                        break;
                    }
                    // An empty match advances by one char, as Go's ReplaceAll does.
                    if end == search {
                        if let Some(&c) = chars.get(search) {
                            out.push(c);
                        }
                        pos = end + 1;
                        search = end + 1;
                    } else {
                        search = end;
                    }
                }
                None => search += 1,
            }
        }
        if pos < chars.len() {
            out.extend(&chars[pos..]);
        }
        out
    }
}
