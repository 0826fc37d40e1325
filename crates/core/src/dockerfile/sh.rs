//! A POSIX-shell reader for RUN commands, enough for rules to reason about
//! the commands a RUN executes: `&&`, `||`, `;`, `|`, `&`, newlines,
//! subshells and groups, `if`/`for`/`while` bodies, quoting, escapes,
//! comments, redirections, and the Dockerfile's own line continuations and
//! comment lines inside them. It reads the source text directly, so every
//! word keeps its exact span; it never executes or expands anything.

use crate::span::Span;

/// How a command is joined to the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    /// First command, or after `;`, `&` or a newline.
    Sequence,
    And,
    Or,
    Pipe,
}

/// One word of a command: quotes removed, escapes resolved, `$…` kept as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShWord {
    pub value: String,
    pub span: Span,
    /// Holds an unquoted or double-quoted `$` or a backquote: its value is
    /// only known when the shell runs.
    pub has_expansion: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimpleCommand {
    /// `NAME=value` words before the command name.
    pub assignments: Vec<ShWord>,
    /// The command name and its arguments (redirections left out).
    pub words: Vec<ShWord>,
    pub connector: Connector,
    /// Runs in a `( … )` subshell, so `cd` and variables do not outlast it.
    pub in_subshell: bool,
    pub span: Span,
}

impl SimpleCommand {
    pub fn name(&self) -> Option<&str> {
        self.words.first().map(|w| w.value.as_str())
    }

    /// The name without a path: `/usr/bin/apt-get` → `apt-get`.
    pub fn program(&self) -> Option<&str> {
        // A byte loop: names are short and rules ask for them very often.
        self.name()
            .map(|n| match n.bytes().rposition(|b| b == b'/') {
                Some(i) => &n[i + 1..],
                None => n,
            })
    }

    pub fn args(&self) -> &[ShWord] {
        self.words.get(1..).unwrap_or_default()
    }

    /// Whether an argument equals one of `flags` (`-y`, `--yes`), or a short
    /// flag cluster such as `-qy` contains the single-letter one.
    pub fn has_flag(&self, flags: &[&str]) -> bool {
        self.args().iter().any(|w| {
            let v = w.value.as_str();
            flags.contains(&v)
                || flags.iter().any(|f| {
                    f.len() == 2
                        && f.starts_with('-')
                        && v.starts_with('-')
                        && !v.starts_with("--")
                        && v[1..].contains(&f[1..])
                })
                || flags
                    .iter()
                    .any(|f| f.starts_with("--") && v.starts_with(&format!("{f}=")))
        })
    }

    /// Arguments that are not options (do not start with `-`).
    pub fn operands(&self) -> impl Iterator<Item = &ShWord> {
        self.args().iter().filter(|w| !w.value.starts_with('-'))
    }
}

/// Reads the shell text at `span` of `text` (a RUN's shell-form command, or
/// a heredoc script), with `escape` as the Dockerfile's line-continuation
/// character.
pub fn parse(text: &str, span: Span, escape: char) -> Vec<SimpleCommand> {
    let mut reader = Reader {
        text,
        pos: span.start,
        end: span.end.min(text.len()),
        escape,
        commands: Vec::new(),
    };
    reader.run();
    reader.commands
}

/// Reserved words that open a compound command; what follows is a command.
const OPENERS: [&str; 9] = [
    "if", "then", "else", "elif", "do", "while", "until", "!", "{",
];
/// Reserved words that close one; they are not commands.
const CLOSERS: [&str; 4] = ["fi", "done", "esac", "}"];

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
    escape: char,
    commands: Vec<SimpleCommand>,
}

enum Token {
    Word(ShWord),
    Op(&'static str),
    End,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..self.end].chars().next()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.text
            .get(self.pos + offset..self.end)
            .and_then(|s| s.chars().next())
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// After a Dockerfile line continuation (the escape already consumed):
    /// skips the line break, then the comment and empty lines BuildKit drops
    /// inside continuations.
    fn skip_continuation(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\r')) {
            self.pos += 1;
        }
        if self.peek() == Some('\n') {
            self.pos += 1;
        }
        loop {
            let rest = &self.text[self.pos..self.end];
            let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let line = rest[..line_len].trim();
            let blank_line = line.is_empty() && rest[..line_len].ends_with('\n');
            if line_len > 0 && (blank_line || line.starts_with('#')) {
                self.pos += line_len;
            } else {
                return;
            }
        }
    }

    /// Whether the escape character at `pos` starts a line continuation.
    fn at_continuation(&self) -> bool {
        let rest = &self.text[self.pos..self.end];
        let Some(after) = rest.strip_prefix(self.escape) else {
            return false;
        };
        let trimmed = after.trim_start_matches([' ', '\t']);
        trimmed.starts_with('\n') || trimmed.starts_with("\r\n") || trimmed.is_empty()
    }

    fn skip_blanks(&mut self) {
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\r') => {
                    self.pos += 1;
                }
                Some(c) if c == self.escape && self.at_continuation() => {
                    self.pos += c.len_utf8();
                    self.skip_continuation();
                }
                _ => return,
            }
        }
    }

    fn skip_comment(&mut self) {
        // A comment runs to a line break that is not continued.
        while let Some(c) = self.peek() {
            if c == '\n' {
                let before = self.text[..self.pos].trim_end_matches([' ', '\t', '\r']);
                if before.ends_with(self.escape) {
                    self.pos += 1;
                    continue;
                }
                return;
            }
            self.pos += c.len_utf8();
        }
    }

    fn next_token(&mut self) -> Token {
        self.skip_blanks();
        let Some(c) = self.peek() else {
            return Token::End;
        };
        let two = |a: char, b: char| c == a && self.peek_at(1) == Some(b);
        let op = if two('&', '&') {
            Some("&&")
        } else if two('|', '|') {
            Some("||")
        } else if two(';', ';') {
            Some(";;")
        } else {
            match c {
                ';' => Some(";"),
                '&' if self.peek_at(1) != Some('>') => Some("&"),
                '|' => Some("|"),
                '\n' => Some("\n"),
                '(' => Some("("),
                ')' => Some(")"),
                _ => None,
            }
        };
        if let Some(op) = op {
            self.pos += op.len();
            return Token::Op(op);
        }
        if c == '#' {
            self.skip_comment();
            return self.next_token();
        }
        Token::Word(self.word())
    }

    fn word(&mut self) -> ShWord {
        let start = self.pos;
        let mut value = String::new();
        let mut has_expansion = false;
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\n' | '\r' | ';' | '|' | '(' | ')' => break,
                '&' if self.peek_at(1) != Some('>') => break,
                c if c == self.escape && self.at_continuation() => {
                    self.pos += c.len_utf8();
                    self.skip_continuation();
                }
                '\\' => {
                    self.pos += 1;
                    if let Some(n) = self.bump() {
                        value.push(n);
                    }
                }
                '\'' => {
                    self.pos += 1;
                    while let Some(q) = self.bump() {
                        if q == '\'' {
                            break;
                        }
                        value.push(q);
                    }
                }
                '"' => {
                    self.pos += 1;
                    while let Some(q) = self.peek() {
                        match q {
                            '"' => {
                                self.pos += 1;
                                break;
                            }
                            '\\' if matches!(self.peek_at(1), Some('"' | '\\' | '$' | '`')) => {
                                self.pos += 1;
                                value.push(self.bump().unwrap_or('\\'));
                            }
                            c if c == self.escape && self.at_continuation() => {
                                self.pos += c.len_utf8();
                                self.skip_continuation();
                            }
                            '$' | '`' => {
                                has_expansion = true;
                                value.push(q);
                                self.pos += 1;
                            }
                            _ => {
                                value.push(q);
                                self.pos += q.len_utf8();
                            }
                        }
                    }
                }
                '$' if self.peek_at(1) == Some('(') => {
                    has_expansion = true;
                    self.balanced(&mut value, '(', ')');
                }
                '$' if self.peek_at(1) == Some('{') => {
                    has_expansion = true;
                    self.balanced(&mut value, '{', '}');
                }
                '`' => {
                    has_expansion = true;
                    value.push('`');
                    self.pos += 1;
                    while let Some(q) = self.bump() {
                        value.push(q);
                        if q == '`' {
                            break;
                        }
                    }
                }
                '$' => {
                    has_expansion = true;
                    value.push('$');
                    self.pos += 1;
                }
                _ => {
                    value.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        ShWord {
            value,
            span: Span::new(start, self.pos),
            has_expansion,
        }
    }

    /// `$(…)` or `${…}` copied as written, nesting respected.
    fn balanced(&mut self, value: &mut String, open: char, close: char) {
        let mut depth = 0usize;
        while let Some(c) = self.bump() {
            value.push(c);
            if c == open {
                depth += 1;
            } else if c == close {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return;
                }
            }
        }
    }

    fn run(&mut self) {
        let mut connector = Connector::Sequence;
        let mut current: Option<SimpleCommand> = None;
        let mut skip_rest = false;
        let mut subshell_depth = 0usize;
        loop {
            let token = self.next_token();
            match token {
                Token::End => break,
                Token::Op(op) => {
                    if let Some(command) = current.take() {
                        self.push(command);
                    }
                    skip_rest = false;
                    match op {
                        "(" => subshell_depth += 1,
                        ")" => subshell_depth = subshell_depth.saturating_sub(1),
                        _ => {}
                    }
                    connector = match op {
                        "&&" => Connector::And,
                        "||" => Connector::Or,
                        "|" => Connector::Pipe,
                        _ => Connector::Sequence,
                    };
                }
                Token::Word(word) => {
                    if skip_rest {
                        continue;
                    }
                    let command = current.get_or_insert_with(|| SimpleCommand {
                        assignments: Vec::new(),
                        words: Vec::new(),
                        connector,
                        in_subshell: subshell_depth > 0,
                        span: word.span,
                    });
                    if command.words.is_empty() {
                        if OPENERS.contains(&word.value.as_str()) {
                            continue;
                        }
                        if CLOSERS.contains(&word.value.as_str()) {
                            current = None;
                            continue;
                        }
                        if matches!(word.value.as_str(), "for" | "case" | "function" | "select") {
                            // Their heads are not commands; bodies follow `do`/`)`.
                            current = None;
                            skip_rest = true;
                            continue;
                        }
                        if is_assignment(&word.value) {
                            command.span = command.span.cover(word.span);
                            command.assignments.push(word);
                            continue;
                        }
                    }
                    if is_redirection(&word.value) {
                        // The target of `> file` is not an argument.
                        if word.value.ends_with(['>', '<']) {
                            let _ = self.next_word_only();
                        }
                        continue;
                    }
                    command.span = command.span.cover(word.span);
                    command.words.push(word);
                }
            }
        }
        if let Some(command) = current.take() {
            self.push(command);
        }
    }

    fn next_word_only(&mut self) -> Option<ShWord> {
        self.skip_blanks();
        match self.peek() {
            Some(c) if !matches!(c, ';' | '|' | '&' | '\n' | '(' | ')') => Some(self.word()),
            _ => None,
        }
    }

    fn push(&mut self, command: SimpleCommand) {
        if !command.words.is_empty() || !command.assignments.is_empty() {
            self.commands.push(command);
        }
    }
}

fn is_assignment(word: &str) -> bool {
    let Some((name, _)) = word.split_once('=') else {
        return false;
    };
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `>`, `>>`, `2>`, `2>&1`, `&>`, `<`, `<<<`, `>file`…
fn is_redirection(word: &str) -> bool {
    let rest = word.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.starts_with('>') || rest.starts_with('<') || rest.starts_with("&>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commands(script: &str) -> Vec<(Connector, Vec<String>)> {
        parse(script, Span::new(0, script.len()), '\\')
            .into_iter()
            .map(|c| (c.connector, c.words.into_iter().map(|w| w.value).collect()))
            .collect()
    }

    #[test]
    fn splits_lists_pipelines_and_compounds() {
        let got = commands("apt-get update && apt-get install -y curl || true; curl -s x | sh");
        assert_eq!(got.len(), 5);
        assert_eq!(
            got[1],
            (
                Connector::And,
                vec![
                    "apt-get".into(),
                    "install".into(),
                    "-y".into(),
                    "curl".into()
                ]
            )
        );
        assert_eq!(got[4], (Connector::Pipe, vec!["sh".into()]));
        let got = commands("if [ -f a ]; then cd /tmp; fi\nfor f in a b; do rm \"$f\"; done");
        let names: Vec<&str> = got.iter().map(|(_, w)| w[0].as_str()).collect();
        assert_eq!(names, ["[", "cd", "rm"]);
    }

    #[test]
    fn reads_quotes_escapes_continuations_and_comments() {
        let script = "echo 'a b' \"c $HOME\" d\\ e \\\n  # dropped by BuildKit\n  f > /dev/null 2>&1 # trailing";
        let parsed = parse(script, Span::new(0, script.len()), '\\');
        let words: Vec<&str> = parsed[0].words.iter().map(|w| w.value.as_str()).collect();
        assert_eq!(words, ["echo", "a b", "c $HOME", "d e", "f"]);
        assert!(parsed[0].words[2].has_expansion);
        assert_eq!(
            &script[parsed[0].words[4].span.start..parsed[0].words[4].span.end],
            "f"
        );
    }

    #[test]
    fn assignments_and_flags() {
        let script =
            "DEBIAN_FRONTEND=noninteractive apt-get install -qy --no-install-recommends=true x";
        let command = &parse(script, Span::new(0, script.len()), '\\')[0];
        assert_eq!(
            command.assignments[0].value,
            "DEBIAN_FRONTEND=noninteractive"
        );
        assert_eq!(command.program(), Some("apt-get"));
        assert!(command.has_flag(&["-y"]));
        assert!(command.has_flag(&["--no-install-recommends"]));
    }
}
