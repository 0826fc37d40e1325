//! The reader: a recursive-descent parser of POSIX sh and the bash forms
//! Dockerfiles use, over plain script text. It never fails: what it cannot
//! read becomes a [`ParseError`] with ShellCheck's code and the place, and a
//! fatal one stops the reading (the commands before it are kept). Nesting is
//! bounded, every loop consumes input or ends, and spans stay on char
//! boundaries inside the text.

use super::ast::*;
use crate::span::Span;

/// Deeper than this, the script is not read further (no real script nests
/// so deep; a fuzzer's does).
const MAX_DEPTH: usize = 100;

/// A script read: its commands and what could not be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub list: List,
    pub errors: Vec<ParseError>,
}

impl Parsed {
    /// Whether the reader stopped early: ShellCheck then reports only the
    /// syntax errors.
    pub fn stopped(&self) -> bool {
        self.errors.iter().any(|e| e.fatal)
    }
}

pub fn parse(text: &str) -> Parsed {
    let mut parser = Parser {
        src: text,
        pos: 0,
        end: text.len(),
        errors: Vec::new(),
        depth: 0,
        heredocs: Vec::new(),
        stopped: false,
    };
    let list = parser.list(&[]);
    if !parser.stopped && parser.pos < parser.end {
        parser.leftover();
    }
    Parsed {
        list,
        errors: parser.errors,
    }
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    end: usize,
    errors: Vec<ParseError>,
    depth: usize,
    /// Here-documents whose bodies start after the current line: delimiter
    /// and whether leading tabs are stripped (`<<-`).
    heredocs: Vec<(String, bool)>,
    stopped: bool,
}

/// Ends a word outside quotes.
fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\r' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>'
    )
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Characters whose escape outside quotes means something (ShellCheck's
/// `quotable` and the other ones it accepts silently).
const ESCAPABLE: &str = "|&;<>()$`\\\"' \t\n\r?*@!+[]{}.,~#=%^:/-";

impl Parser<'_> {
    fn rest(&self) -> &str {
        self.src.get(self.pos..self.end).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        if self.pos >= self.end {
            return None;
        }
        // Scripts are mostly ASCII: a byte is a char then.
        match self.src.as_bytes().get(self.pos) {
            Some(&b) if b < 0x80 => Some(b as char),
            _ => self.rest().chars().next(),
        }
    }

    fn peek_second(&self) -> Option<char> {
        let mut chars = self.rest().chars();
        chars.next();
        chars.next()
    }

    fn starts_with(&self, s: &str) -> bool {
        self.rest().starts_with(s)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.pos.max(start))
    }

    fn error(&mut self, code: u32, message: impl Into<String>, span: Span, fatal: bool) {
        if self.stopped {
            return;
        }
        self.errors.push(ParseError {
            code,
            message: message.into(),
            span,
            fatal,
        });
        if fatal {
            self.stopped = true;
        }
    }

    /// A one-char span at the current position (empty at the end).
    fn here(&self) -> Span {
        let len = self.peek().map_or(0, char::len_utf8);
        Span::new(self.pos, self.pos + len)
    }

    /// Blanks and line continuations (`\` before a line break).
    fn skip_blanks(&mut self) {
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\r') => self.pos += 1,
                Some('\\') if matches!(self.peek_second(), Some('\n')) => self.pos += 2,
                _ => return,
            }
        }
    }

    fn skip_comment(&mut self) {
        if self.peek() == Some('#') {
            let line = self.rest().find('\n').unwrap_or(self.rest().len());
            self.pos += line;
        }
    }

    /// A line break, then the bodies of the here-documents opened on its line.
    fn newline(&mut self) {
        self.pos += 1;
        for (delimiter, strip_tabs) in std::mem::take(&mut self.heredocs) {
            loop {
                if self.pos >= self.end {
                    return;
                }
                let rest = self.rest();
                let line_len = rest.find('\n').unwrap_or(rest.len());
                let line = rest[..line_len].trim_end_matches('\r');
                let line = if strip_tabs {
                    line.trim_start_matches('\t')
                } else {
                    line
                };
                let done = line == delimiter;
                self.pos += (line_len + 1).min(rest.len());
                if done {
                    break;
                }
            }
        }
    }

    /// Blanks, comments and line breaks (where a command list may continue).
    fn skip_linebreaks(&mut self) {
        loop {
            self.skip_blanks();
            match self.peek() {
                Some('#') => self.skip_comment(),
                Some('\n') => self.newline(),
                _ => return,
            }
        }
    }

    /// The reserved word at the current position, if it is one of `words`
    /// and ends there.
    fn at_word(&self, words: &[&str]) -> Option<&'static str> {
        const RESERVED: [&str; 18] = [
            "if", "then", "elif", "else", "fi", "for", "in", "do", "done", "while", "until",
            "case", "esac", "function", "{", "}", "[[", "!",
        ];
        // Every reserved word starts with one of these.
        if !matches!(
            self.peek(),
            Some('i' | 't' | 'e' | 'f' | 'd' | 'w' | 'u' | 'c' | '{' | '}' | '[' | '!')
        ) {
            return None;
        }
        let rest = self.rest();
        RESERVED.into_iter().find(|w| {
            words.contains(w)
                && rest.starts_with(w)
                && rest[w.len()..].chars().next().is_none_or(is_meta)
        })
    }

    fn at_case_end(&self) -> bool {
        self.starts_with(";;") || self.starts_with(";&")
    }

    /// Commands up to the end, a `)` or one of the reserved words `ends`.
    fn list(&mut self, ends: &[&str]) -> List {
        let mut items = Vec::new();
        if self.depth >= MAX_DEPTH {
            let span = self.here();
            self.error(
                1073,
                "Couldn't parse this script: it is nested too deeply. Fix to allow more checks.",
                span,
                true,
            );
            return List { items };
        }
        self.depth += 1;
        loop {
            self.skip_linebreaks();
            if self.stopped || self.pos >= self.end || self.peek() == Some(')') {
                break;
            }
            if self.at_word(ends).is_some() || (ends.contains(&";;") && self.at_case_end()) {
                break;
            }
            let before = self.pos;
            if let Some(item) = self.and_or() {
                items.push(item);
            }
            if self.stopped {
                break;
            }
            self.skip_blanks();
            match self.peek() {
                Some(';') if !self.at_case_end() => self.pos += 1,
                Some('\n' | '#' | ')') | None => {}
                _ if self.at_case_end() => {}
                _ if self.pos == before => {
                    self.leftover();
                    break;
                }
                _ => {}
            }
            if self.pos == before {
                self.leftover();
                break;
            }
        }
        self.depth -= 1;
        List { items }
    }

    /// Text the reader cannot place: it stops there, as ShellCheck does.
    fn leftover(&mut self) {
        let span = self.here();
        if self.peek() == Some('(') {
            self.error(
                1088,
                "Parsing stopped here. Invalid use of parentheses?",
                span,
                true,
            );
        } else if self
            .at_word(&[
                "then", "elif", "else", "fi", "do", "done", "esac", "}", "in",
            ])
            .is_some()
        {
            self.error(
                1073,
                "Parsing stopped here. Is this keyword correctly matched up?",
                span,
                true,
            );
        } else {
            self.error(
                1073,
                "Parsing stopped here. Mismatched keywords or invalid parentheses?",
                span,
                true,
            );
        }
    }

    fn and_or(&mut self) -> Option<AndOr> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            self.skip_blanks();
            let connective = if self.starts_with("&&") {
                Connective::And
            } else if self.starts_with("||") {
                Connective::Or
            } else {
                break;
            };
            let at = self.pos;
            self.pos += 2;
            self.skip_linebreaks();
            match self.pipeline() {
                Some(pipeline) => rest.push((connective, pipeline)),
                None => {
                    if !self.stopped {
                        self.error(1073, "Expected a command after this operator. Fix any mentioned problems and try again.", Span::new(at, at + 2), true);
                    }
                    break;
                }
            }
        }
        self.skip_blanks();
        let mut background = false;
        if self.peek() == Some('&') && !self.starts_with("&&") && !self.starts_with("&>") {
            self.pos += 1;
            background = true;
        }
        Some(AndOr {
            first,
            rest,
            background,
        })
    }

    fn pipeline(&mut self) -> Option<Pipeline> {
        self.skip_blanks();
        let start = self.pos;
        let mut bang = None;
        if self.at_word(&["!"]).is_some() {
            bang = Some(Span::new(self.pos, self.pos + 1));
            self.pos += 1;
            self.skip_blanks();
        }
        let mut commands = Vec::new();
        while let Some(command) = self.command() {
            commands.push(command);
            self.skip_blanks();
            if self.peek() != Some('|') || self.starts_with("||") {
                break;
            }
            self.pos += 1;
            if self.peek() == Some('&') {
                self.pos += 1;
            }
            self.skip_linebreaks();
        }
        if commands.is_empty() && bang.is_none() {
            return None;
        }
        Some(Pipeline {
            bang,
            commands,
            span: self.span_from(start),
        })
    }

    fn command(&mut self) -> Option<Command> {
        self.skip_blanks();
        if self.stopped || self.pos >= self.end {
            return None;
        }
        let start = self.pos;
        let command =
            match self.at_word(&["if", "for", "while", "until", "case", "function", "{", "[["]) {
                Some("if") => self.if_clause(start),
                Some("for") => self.for_clause(start),
                Some(w @ ("while" | "until")) => self.loop_clause(start, w == "until"),
                Some("case") => self.case_clause(start),
                Some("function") => self.function_keyword(start),
                Some("{") => self.group(start),
                Some("[[") => self.test(start),
                _ if self.starts_with("((") => self.arithmetic_command(start),
                _ if self.peek() == Some('(') => self.subshell(start),
                _ => {
                    if self
                        .at_word(&[
                            "then", "elif", "else", "fi", "do", "done", "esac", "}", "in",
                        ])
                        .is_some()
                    {
                        return None;
                    }
                    return self.simple(start);
                }
            };
        // Redirections after a compound command.
        loop {
            self.skip_blanks();
            if !self.at_redirect() {
                break;
            }
            self.redirect();
        }
        Some(command)
    }

    fn expect_word(&mut self, word: &str, code: u32, message: &str, opener: Span) -> bool {
        self.skip_linebreaks();
        if self.at_word(&[word]).is_some() {
            self.pos += word.len();
            return true;
        }
        if self.stopped {
            return false;
        }
        self.error(code, message, opener, true);
        false
    }

    fn keyword(&mut self, word: &str) -> Span {
        let span = Span::new(self.pos, self.pos + word.len());
        self.pos += word.len();
        span
    }

    fn if_clause(&mut self, start: usize) -> Command {
        let opener = self.keyword("if");
        let mut branches = Vec::new();
        let mut otherwise = None;
        loop {
            let condition = self.list(&["then"]);
            if !self.expect_word("then", 1073, "Expected 'then'.", opener) {
                break;
            }
            let body = self.list(&["elif", "else", "fi"]);
            branches.push((condition, body));
            self.skip_linebreaks();
            match self.at_word(&["elif", "else", "fi"]) {
                Some("elif") => {
                    self.pos += 4;
                }
                Some("else") => {
                    self.pos += 4;
                    otherwise = Some(self.list(&["fi"]));
                    self.expect_word("fi", 1073, "Couldn't find 'fi' for this 'if'.", opener);
                    break;
                }
                Some(_) => {
                    self.pos += 2;
                    break;
                }
                None => {
                    self.error(1073, "Couldn't find 'fi' for this 'if'.", opener, true);
                    break;
                }
            }
        }
        Command::If {
            branches,
            otherwise,
            span: self.span_from(start),
        }
    }

    fn do_done(&mut self, opener: Span) -> List {
        if !self.expect_word("do", 1073, "Expected 'do'.", opener) {
            return List::default();
        }
        let do_span = Span::new(self.pos - 2, self.pos);
        let body = self.list(&["done"]);
        self.expect_word("done", 1073, "Couldn't find 'done' for this 'do'.", do_span);
        body
    }

    fn for_clause(&mut self, start: usize) -> Command {
        let opener = self.keyword("for");
        self.skip_blanks();
        if self.starts_with("((") {
            // for (( i = 0; i < n; i++ )): an arithmetic loop.
            self.arithmetic_command(self.pos);
            self.skip_blanks();
            if self.peek() == Some(';') {
                self.pos += 1;
            }
            let body = self.do_done(opener);
            return Command::Loop {
                until: false,
                condition: List::default(),
                body,
                span: self.span_from(start),
            };
        }
        let name_start = self.pos;
        while self.peek().is_some_and(is_name_char) {
            self.pos += 1;
        }
        let name_span = self.span_from(name_start);
        let name = self.src[name_span.start..name_span.end].to_string();
        if name.is_empty() {
            self.error(
                1073,
                "Couldn't parse this for loop. Fix to allow more checks.",
                opener,
                true,
            );
        }
        self.skip_blanks();
        if self.peek() == Some(';') {
            self.pos += 1;
        }
        self.skip_linebreaks();
        let mut words = None;
        if self.at_word(&["in"]).is_some() {
            self.pos += 2;
            let mut list = Vec::new();
            loop {
                self.skip_blanks();
                match self.peek() {
                    None | Some(';' | '\n' | '&' | '|' | ')') => break,
                    _ => {}
                }
                let before = self.pos;
                match self.word() {
                    Some(word) => list.push(word),
                    None if self.pos == before => break,
                    None => {}
                }
            }
            if self.peek() == Some(';') {
                self.pos += 1;
            }
            words = Some(list);
        }
        let body = self.do_done(opener);
        Command::For {
            name,
            name_span,
            words,
            body,
            span: self.span_from(start),
        }
    }

    fn loop_clause(&mut self, start: usize, until: bool) -> Command {
        let opener = self.keyword(if until { "until" } else { "while" });
        let condition = self.list(&["do"]);
        let body = self.do_done(opener);
        Command::Loop {
            until,
            condition,
            body,
            span: self.span_from(start),
        }
    }

    fn case_clause(&mut self, start: usize) -> Command {
        let opener = self.keyword("case");
        self.skip_blanks();
        let word = self.word().unwrap_or(Word {
            parts: Vec::new(),
            span: self.here(),
        });
        let mut arms = Vec::new();
        if !self.expect_word(
            "in",
            1073,
            "Couldn't parse this case expression. Fix to allow more checks.",
            opener,
        ) {
            return Command::Case {
                word,
                arms,
                span: self.span_from(start),
            };
        }
        loop {
            self.skip_linebreaks();
            if self.stopped || self.pos >= self.end || self.at_word(&["esac"]).is_some() {
                break;
            }
            if self.peek() == Some('(') {
                self.pos += 1;
            }
            let mut patterns = Vec::new();
            loop {
                self.skip_blanks();
                if let Some(pattern) = self.word() {
                    patterns.push(pattern);
                }
                self.skip_blanks();
                if self.peek() == Some('|') {
                    self.pos += 1;
                    continue;
                }
                break;
            }
            if self.peek() != Some(')') {
                let span = self.here();
                self.error(1073, "Couldn't parse this case item: expected ')' after its patterns. Fix to allow more checks.", span, true);
                break;
            }
            self.pos += 1;
            let body = self.list(&["esac", ";;"]);
            arms.push((patterns, body));
            self.skip_linebreaks();
            if self.starts_with(";;&") {
                self.pos += 3;
            } else if self.at_case_end() {
                self.pos += 2;
            }
        }
        self.expect_word(
            "esac",
            1073,
            "Couldn't find 'esac' for this 'case'. Fix to allow more checks.",
            opener,
        );
        Command::Case {
            word,
            arms,
            span: self.span_from(start),
        }
    }

    fn group(&mut self, start: usize) -> Command {
        let opener = self.keyword("{");
        let body = self.list(&["}"]);
        self.expect_word(
            "}",
            1073,
            "Expected a '}'. If you have one, try a ; or \\n in front of it.",
            opener,
        );
        Command::Group {
            body,
            span: self.span_from(start),
        }
    }

    fn subshell(&mut self, start: usize) -> Command {
        let opener = Span::new(self.pos, self.pos + 1);
        self.pos += 1;
        let body = self.list(&[]);
        if self.peek() == Some(')') {
            self.pos += 1;
        } else {
            self.error(
                1073,
                "Couldn't parse this subshell: its ')' is missing. Fix to allow more checks.",
                opener,
                true,
            );
        }
        Command::Subshell {
            body,
            span: self.span_from(start),
        }
    }

    /// `(( … ))` and `$(( … ))`'s inside: to the matching `))`.
    fn arithmetic_command(&mut self, start: usize) -> Command {
        let opener = Span::new(self.pos, self.pos + 2);
        self.pos += 2;
        self.skip_arithmetic(opener);
        Command::Arithmetic {
            span: self.span_from(start),
        }
    }

    fn skip_arithmetic(&mut self, opener: Span) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    if self.peek_second() == Some(')') {
                        self.pos += 2;
                        return;
                    }
                    break;
                }
                ')' => depth -= 1,
                _ => {}
            }
            self.pos += c.len_utf8();
        }
        self.error(1073, "Couldn't parse this arithmetic expression: its '))' is missing. Fix to allow more checks.", opener, true);
    }

    fn test(&mut self, start: usize) -> Command {
        let opener = self.keyword("[[");
        let mut words = Vec::new();
        loop {
            self.skip_blanks();
            if self.starts_with("]]") {
                self.pos += 2;
                break;
            }
            match self.peek() {
                None => {
                    self.error(1073, "Couldn't parse this test expression: its ']]' is missing. Fix to allow more checks.", opener, true);
                    break;
                }
                Some('\n') => self.newline(),
                Some('&' | '|' | '(' | ')' | '<' | '>' | '!') => self.pos += 1,
                _ => {
                    let before = self.pos;
                    if let Some(word) = self.word() {
                        words.push(word);
                    }
                    if self.pos == before {
                        self.bump();
                    }
                }
            }
        }
        Command::Test {
            words,
            span: self.span_from(start),
        }
    }

    fn function_keyword(&mut self, start: usize) -> Command {
        let opener = self.keyword("function");
        self.skip_blanks();
        let name_start = self.pos;
        while self.peek().is_some_and(|c| !is_meta(c)) {
            self.bump();
        }
        let name = self.src[name_start..self.pos].to_string();
        self.skip_blanks();
        if self.peek() == Some('(') {
            self.parameters();
        }
        self.function_body(start, name, opener)
    }

    /// `()` after a function's name; anything inside is ShellCheck's SC1065.
    fn parameters(&mut self) {
        let open = self.pos;
        self.pos += 1;
        self.skip_blanks();
        if self.peek() == Some(')') {
            self.pos += 1;
            return;
        }
        let inside = self.here();
        self.error(
            1065,
            "Trying to declare parameters? Don't. Use () and refer to params as $1, $2..",
            inside,
            false,
        );
        while let Some(c) = self.peek() {
            if matches!(c, '\n' | ')' | '{') {
                break;
            }
            self.bump();
        }
        if self.peek() == Some(')') {
            self.pos += 1;
        } else {
            self.error(
                1073,
                "Couldn't parse this function: its ')' is missing. Fix to allow more checks.",
                Span::new(open, open + 1),
                true,
            );
        }
    }

    fn function_body(&mut self, start: usize, name: String, opener: Span) -> Command {
        self.skip_linebreaks();
        let body = match self.command() {
            Some(body) => body,
            None => {
                self.error(
                    1073,
                    "Couldn't parse this function: its body is missing. Fix to allow more checks.",
                    opener,
                    true,
                );
                Command::Group {
                    body: List::default(),
                    span: self.span_from(start),
                }
            }
        };
        Command::Function {
            name,
            body: Box::new(body),
            span: self.span_from(start),
        }
    }

    fn at_redirect(&self) -> bool {
        let rest = self.rest();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let after = &rest[digits..];
        (after.starts_with('>') || after.starts_with('<') && !after.starts_with("<("))
            || (digits == 0 && (after.starts_with("&>")))
    }

    fn redirect(&mut self) -> Redirect {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        const OPS: [&str; 13] = [
            "&>>", "<<<", "<<-", ">>", ">|", ">&", "&>", "<<", "<&", "<>", ">", "<", "&",
        ];
        let op = OPS
            .into_iter()
            .find(|op| self.starts_with(op))
            .unwrap_or(">");
        self.pos += op.len().min(self.rest().len());
        self.skip_blanks();
        let target = self.word();
        if op == "<<" || op == "<<-" {
            if let Some(delimiter) = target
                .as_ref()
                .and_then(|w| w.unquoted().or_else(|| w.literal()))
            {
                self.heredocs.push((delimiter, op == "<<-"));
            }
        }
        if target.is_none() && !self.stopped {
            let span = self.span_from(start);
            self.error(
                1073,
                "Couldn't parse this redirection: it names no file. Fix to allow more checks.",
                span,
                true,
            );
        }
        Redirect {
            op: op.to_string(),
            target,
            span: self.span_from(start),
        }
    }

    fn simple(&mut self, start: usize) -> Option<Command> {
        let mut assignments = Vec::new();
        let mut words: Vec<Word> = Vec::new();
        let mut redirects = Vec::new();
        loop {
            self.skip_blanks();
            if self.stopped {
                break;
            }
            let Some(c) = self.peek() else {
                break;
            };
            if self.at_redirect() {
                redirects.push(self.redirect());
                continue;
            }
            match c {
                '\n' | ';' | '&' | '|' | ')' => break,
                '#' => break,
                '(' => {
                    if words.len() == 1 && assignments.is_empty() && redirects.is_empty() {
                        if let Some(name) = words[0].literal() {
                            // name() body: a function.
                            self.parameters();
                            if self.stopped {
                                break;
                            }
                            let opener = words[0].span;
                            return Some(self.function_body(start, name, opener));
                        }
                    }
                    // ShellCheck says both, at the parenthesis.
                    let span = self.here();
                    self.error(
                        1036,
                        "'(' is invalid here. Did you forget to escape it?",
                        span,
                        false,
                    );
                    self.error(
                        1088,
                        "Parsing stopped here. Invalid use of parentheses?",
                        span,
                        true,
                    );
                    break;
                }
                _ => {}
            }
            if words.is_empty() {
                if let Some(assignment) = self.assignment() {
                    assignments.push(assignment);
                    continue;
                }
            }
            let before = self.pos;
            match self.word() {
                Some(word) => words.push(word),
                None if self.pos == before => break,
                None => {}
            }
        }
        if words.is_empty() && assignments.is_empty() && redirects.is_empty() {
            return None;
        }
        Some(Command::Simple(Simple {
            assignments,
            words,
            redirects,
            span: self.span_from(start),
        }))
    }

    /// `NAME=value`, `NAME+=value`, `NAME[i]=value`, `NAME=(…)`.
    fn assignment(&mut self) -> Option<Assignment> {
        let rest = self.rest();
        if !rest.chars().next().is_some_and(is_name_start) {
            return None;
        }
        let name_len = rest
            .bytes()
            .take_while(|b| is_name_char(*b as char))
            .count();
        let mut at = name_len;
        if rest[at..].starts_with('[') {
            at += rest[at..].find(']')? + 1;
        }
        if rest[at..].starts_with("+=") {
            at += 2;
        } else if rest[at..].starts_with('=') {
            at += 1;
        } else {
            return None;
        }
        let start = self.pos;
        let name = rest[..name_len].to_string();
        let name_span = Span::new(start, start + name_len);
        self.pos += at;
        if self.peek() == Some('(') {
            // An array: its words, to the ')'.
            self.pos += 1;
            loop {
                self.skip_linebreaks();
                match self.peek() {
                    Some(')') => {
                        self.pos += 1;
                        break;
                    }
                    None => {
                        let span = Span::new(start, self.pos);
                        self.error(1073, "Couldn't parse this array: its ')' is missing. Fix to allow more checks.", span, true);
                        break;
                    }
                    _ => {
                        let before = self.pos;
                        self.word();
                        if self.pos == before {
                            self.bump();
                        }
                    }
                }
            }
            return Some(Assignment {
                name,
                name_span,
                value: None,
                span: self.span_from(start),
            });
        }
        let value = self.word().unwrap_or(Word {
            parts: Vec::new(),
            span: Span::new(self.pos, self.pos),
        });
        Some(Assignment {
            name,
            name_span,
            value: Some(value),
            span: self.span_from(start),
        })
    }

    /// One word, or `None` at a metacharacter.
    fn word(&mut self) -> Option<Word> {
        let start = self.pos;
        let mut parts = Vec::new();
        if self.starts_with("<(") || self.starts_with(">(") {
            self.pos += 1;
            let open = self.pos;
            self.pos += 1;
            let body = self.list(&[]);
            if self.peek() == Some(')') {
                self.pos += 1;
            } else {
                self.error(1073, "Couldn't parse this process substitution: its ')' is missing. Fix to allow more checks.", Span::new(open, open + 1), true);
            }
            parts.push(Part::ProcessSubstitution {
                body,
                span: self.span_from(start),
            });
        }
        while let Some(c) = self.peek() {
            if self.stopped {
                break;
            }
            match c {
                c if is_meta(c) => break,
                '\'' => parts.push(self.single_quoted()),
                '"' => parts.push(self.double_quoted()),
                '\\' => {
                    if let Some(part) = self.escaped() {
                        parts.push(part);
                    }
                }
                '$' => parts.push(self.dollar()),
                '`' => parts.push(self.backquoted()),
                _ => {
                    let literal_start = self.pos;
                    while let Some(c) = self.peek() {
                        if is_meta(c) || matches!(c, '\'' | '"' | '\\' | '$' | '`') {
                            break;
                        }
                        self.pos += c.len_utf8();
                    }
                    let span = self.span_from(literal_start);
                    parts.push(Part::Literal {
                        text: self.src[span.start..span.end].to_string(),
                        span,
                    });
                }
            }
        }
        if parts.is_empty() {
            return None;
        }
        Some(Word {
            parts,
            span: self.span_from(start),
        })
    }

    fn escaped(&mut self) -> Option<Part> {
        let start = self.pos;
        self.pos += 1;
        let Some(next) = self.bump() else {
            return Some(Part::Literal {
                text: "\\".into(),
                span: self.span_from(start),
            });
        };
        if next == '\n' {
            return None;
        }
        let span = self.span_from(start);
        if !ESCAPABLE.contains(next) && !next.is_ascii_digit() {
            let (code, message) = match next {
                'n' => (1012, "\\n is just literal 'n' here. For line feed, use a quoted, literal line feed instead.".to_string()),
                't' => (1012, "\\t is just literal 't' here. For tab, use \"$(printf '\\t')\" instead.".to_string()),
                'r' => (1012, "\\r is just literal 'r' here. For carriage return, use \"$(printf '\\r')\" instead.".to_string()),
                _ => (1001, format!("This \\{next} will be a regular '{next}' in this context.")),
            };
            self.errors.push(ParseError {
                code,
                message,
                span,
                fatal: false,
            });
        }
        Some(Part::Escaped { ch: next, span })
    }

    fn single_quoted(&mut self) -> Part {
        let start = self.pos;
        self.pos += 1;
        match self.rest().find('\'') {
            Some(len) => {
                let text = self.rest()[..len].to_string();
                self.pos += len + 1;
                Part::SingleQuoted {
                    text,
                    span: self.span_from(start),
                }
            }
            None => {
                let text = self.rest().to_string();
                self.pos = self.end;
                self.error(1073, "Couldn't parse this single quoted string: its closing ' is missing. Fix to allow more checks.", Span::new(start, start + 1), true);
                Part::SingleQuoted {
                    text,
                    span: self.span_from(start),
                }
            }
        }
    }

    fn double_quoted(&mut self) -> Part {
        let start = self.pos;
        self.pos += 1;
        let mut parts = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                self.error(1073, "Couldn't parse this double quoted string: its closing \" is missing. Fix to allow more checks.", Span::new(start, start + 1), true);
                break;
            };
            if self.stopped {
                break;
            }
            match c {
                '"' => {
                    self.pos += 1;
                    break;
                }
                '$' => parts.push(self.dollar()),
                '`' => parts.push(self.backquoted()),
                '\\' if self
                    .peek_second()
                    .is_some_and(|n| matches!(n, '$' | '`' | '"' | '\\' | '\n')) =>
                {
                    let escape_start = self.pos;
                    self.pos += 1;
                    let ch = self.bump().unwrap_or('\\');
                    if ch != '\n' {
                        parts.push(Part::Escaped {
                            ch,
                            span: self.span_from(escape_start),
                        });
                    }
                }
                _ => {
                    let literal_start = self.pos;
                    self.pos += c.len_utf8();
                    while let Some(c) = self.peek() {
                        if matches!(c, '"' | '$' | '`' | '\\') {
                            break;
                        }
                        self.pos += c.len_utf8();
                    }
                    let span = self.span_from(literal_start);
                    parts.push(Part::Literal {
                        text: self.src[span.start..span.end].to_string(),
                        span,
                    });
                }
            }
        }
        Part::DoubleQuoted {
            parts,
            span: self.span_from(start),
        }
    }

    fn backquoted(&mut self) -> Part {
        let start = self.pos;
        self.pos += 1;
        let body_start = self.pos;
        // The closing backquote: the next one not escaped.
        let mut close = None;
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '`' => {
                    close = Some(body_start + i);
                    break;
                }
                _ => {}
            }
        }
        let Some(close) = close else {
            self.pos = self.end;
            self.error(1073, "Couldn't parse this backtick expansion: its closing ` is missing. Fix to allow more checks.", Span::new(start, start + 1), true);
            return Part::CommandSubstitution {
                body: List::default(),
                backquoted: true,
                span: self.span_from(start),
            };
        };
        let body = self.nested(body_start, close);
        self.pos = close + 1;
        Part::CommandSubstitution {
            body,
            backquoted: true,
            span: self.span_from(start),
        }
    }

    /// Reads `start..end` of the text as a script of its own (a backtick
    /// expansion's body); its errors are this script's.
    fn nested(&mut self, start: usize, end: usize) -> List {
        if self.depth >= MAX_DEPTH {
            self.error(
                1073,
                "Couldn't parse this script: it is nested too deeply. Fix to allow more checks.",
                Span::new(start, end),
                true,
            );
            return List::default();
        }
        let mut inner = Parser {
            src: self.src,
            pos: start,
            end,
            errors: Vec::new(),
            depth: self.depth + 1,
            heredocs: Vec::new(),
            stopped: false,
        };
        let list = inner.list(&[]);
        if !inner.stopped && inner.pos < inner.end {
            inner.leftover();
        }
        for error in inner.errors {
            if !self.stopped {
                let fatal = error.fatal;
                self.errors.push(error);
                self.stopped = fatal;
            }
        }
        list
    }

    fn dollar(&mut self) -> Part {
        let start = self.pos;
        self.pos += 1;
        match self.peek() {
            Some('(') if self.peek_second() == Some('(') => {
                let opener = Span::new(start, start + 3);
                self.pos += 2;
                self.skip_arithmetic(opener);
                Part::Arithmetic {
                    span: self.span_from(start),
                }
            }
            Some('(') => {
                self.pos += 1;
                let body = self.list(&[]);
                if self.peek() == Some(')') {
                    self.pos += 1;
                } else if !self.stopped {
                    self.error(1073, "Couldn't parse this command expansion: its ')' is missing. Fix to allow more checks.", Span::new(start, start + 2), true);
                }
                Part::CommandSubstitution {
                    body,
                    backquoted: false,
                    span: self.span_from(start),
                }
            }
            Some('{') => self.braced(start),
            Some('\'') => {
                self.pos += 1;
                let body_start = self.pos;
                let mut chars = self.rest().char_indices();
                let mut close = None;
                while let Some((i, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '\'' => {
                            close = Some(body_start + i);
                            break;
                        }
                        _ => {}
                    }
                }
                let close = close.unwrap_or_else(|| {
                    self.error(1073, "Couldn't parse this $'…' string: its closing ' is missing. Fix to allow more checks.", Span::new(start, start + 2), true);
                    self.end
                });
                let text = self.src[body_start..close].to_string();
                self.pos = (close + 1).min(self.end);
                Part::DollarSingleQuoted {
                    text,
                    span: self.span_from(start),
                }
            }
            Some('"') => self.double_quoted(),
            Some(c) if is_name_start(c) => {
                while self.peek().is_some_and(is_name_char) {
                    self.pos += 1;
                }
                Part::Parameter(Parameter {
                    name: self.src[start + 1..self.pos].to_string(),
                    braced: false,
                    length: false,
                    modifier: String::new(),
                    nested: Vec::new(),
                    span: self.span_from(start),
                })
            }
            Some(c) if c.is_ascii_digit() || "#?$!@*-".contains(c) => {
                self.pos += 1;
                Part::Parameter(Parameter {
                    name: c.to_string(),
                    braced: false,
                    length: false,
                    modifier: String::new(),
                    nested: Vec::new(),
                    span: self.span_from(start),
                })
            }
            _ => Part::Literal {
                text: "$".into(),
                span: self.span_from(start),
            },
        }
    }

    fn braced(&mut self, start: usize) -> Part {
        self.pos += 1;
        let mut length = false;
        if self.peek() == Some('#')
            && self.peek_second().is_some_and(|c| {
                c != '}' && (is_name_start(c) || c.is_ascii_digit() || "@*".contains(c))
            })
        {
            length = true;
            self.pos += 1;
        } else if self.peek() == Some('!') && self.peek_second().is_some_and(is_name_start) {
            // ${!name}: indirection.
            self.pos += 1;
        }
        let name_start = self.pos;
        match self.peek() {
            Some(c) if is_name_start(c) => {
                while self.peek().is_some_and(is_name_char) {
                    self.pos += 1;
                }
            }
            Some(c) if c.is_ascii_digit() => {
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.pos += 1;
                }
            }
            Some(c) if "#?$!@*-".contains(c) => self.pos += 1,
            _ => {}
        }
        let name = self.src[name_start..self.pos].to_string();
        let modifier_start = self.pos;
        let mut nested = Vec::new();
        let mut depth = 0usize;
        loop {
            let Some(c) = self.peek() else {
                self.error(1073, "Couldn't parse this parameter expansion: its '}' is missing. Fix to allow more checks.", Span::new(start, start + 2), true);
                break;
            };
            if self.stopped {
                break;
            }
            match c {
                '}' if depth == 0 => break,
                '}' => {
                    depth -= 1;
                    self.pos += 1;
                }
                '{' => {
                    depth += 1;
                    self.pos += 1;
                }
                '$' => nested.push(self.dollar()),
                '`' => nested.push(self.backquoted()),
                '"' => nested.push(self.double_quoted()),
                '\'' => nested.push(self.single_quoted()),
                '\\' => {
                    self.pos += 1;
                    self.bump();
                }
                _ => self.pos += c.len_utf8(),
            }
        }
        let modifier = self.src[modifier_start..self.pos.min(self.end)].to_string();
        if self.peek() == Some('}') {
            self.pos += 1;
        }
        Part::Parameter(Parameter {
            name,
            braced: true,
            length,
            modifier,
            nested,
            span: self.span_from(start),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<u32> {
        parse(text).errors.iter().map(|e| e.code).collect()
    }

    #[test]
    fn reads_compound_commands_words_and_expansions() {
        let parsed = parse("if [ -n \"$a\" ]; then for f in *.c; do cc \"$f\" -o ${f%.c}; done; elif true; then :; else exit 1; fi\ncase $x in a|b) echo `date` $(( 1 + 2 ));; *) ;; esac\nf() { local y=$(id -u); } ; x=(1 2) cmd <<'E' > out 2>&1\nbody $z\nE\n");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.list.items.len(), 4);
        assert!(matches!(
            parsed.list.items[0].first.commands[0],
            Command::If { .. }
        ));
        assert!(matches!(
            parsed.list.items[1].first.commands[0],
            Command::Case { .. }
        ));
        assert!(matches!(
            parsed.list.items[2].first.commands[0],
            Command::Function { .. }
        ));
    }

    #[test]
    fn syntax_errors_carry_shellcheck_codes_and_stop_there() {
        assert_eq!(codes("echo (foo)"), [1065, 1073]);
        assert_eq!(codes("echo foo(bar)"), [1036, 1088]);
        assert_eq!(codes("echo foo (bar) baz"), [1036, 1088]);
        assert_eq!(codes("function f(a, b) { :; }"), [1065]);
        assert_eq!(codes("echo \"unclosed"), [1073]);
        assert_eq!(codes("if true; then echo"), [1073]);
        assert_eq!(codes("echo \\o"), [1001]);
        assert!(parse("echo foo (bar)").stopped());
    }

    /// Every prefix of a script, as typed: no panic, no endless loop, every
    /// span inside the text on char boundaries.
    #[test]
    fn half_typed_scripts_are_read_without_panic() {
        let script = "set -eux; if [ \"$(uname -m)\" = x86_64 ]; then arch=amd64; fi; \
                      case \"${arch:-x}\" in (amd64) url=\"https://é.example/${arch}\" ;; *) exit 1 ;; esac; \
                      for f in $(ls /tmp/*.deb); do dpkg -i \"$f\" || { echo `date` >&2; exit 1; }; done; \
                      cat <<-'EOF' | tee /x\n\tline $y\n\tEOF\n[[ -n $z ]] && (( n += 1 )) || ! true; f() { :; }; x=(a b) y=$'\\n' ${z:=d}";
        let mut ends: Vec<usize> = script.char_indices().map(|(i, _)| i).collect();
        ends.push(script.len());
        for end in ends {
            let text = &script[..end];
            let parsed = parse(text);
            for error in &parsed.errors {
                assert!(
                    error.span.start <= error.span.end && error.span.end <= text.len(),
                    "{text:?}: {error:?}"
                );
                assert!(
                    text.is_char_boundary(error.span.start)
                        && text.is_char_boundary(error.span.end)
                );
            }
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = "$(".repeat(10_000);
        let parsed = parse(&text);
        assert!(parsed.stopped());
        let text = "{ ".repeat(10_000);
        assert!(parse(&text).stopped());
    }
}
