//! Rule pages: the rules and their docs from `rules.json` (written at build
//! time by `dockwright rules --json`, loaded on first use), and the small
//! Markdown the docs are written in, turned into elements (never into HTML
//! text, so nothing in a doc can become markup).

use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = DockwrightRules, js_name = load)]
    fn load_js(done: &JsValue) -> Result<(), JsValue>;
}

#[derive(Clone, Debug, PartialEq)]
pub struct RuleDoc {
    pub code: String,
    pub aliases: Vec<String>,
    pub summary: String,
    pub severity: String,
    pub origin: String,
    pub off_by_default: bool,
    pub docs: String,
}

impl RuleDoc {
    pub fn is_named(&self, id: &str) -> bool {
        self.code.eq_ignore_ascii_case(id)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(id))
    }

    /// Whether the rule matches a search (code, alias or summary).
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        query.is_empty()
            || self.code.to_lowercase().contains(&query)
            || self.summary.to_lowercase().contains(&query)
            || self
                .aliases
                .iter()
                .any(|a| a.to_lowercase().contains(&query))
    }

    /// The example of the docs: the first code block under `## Example`,
    /// with its language (`dockerfile`, `yaml`, …).
    pub fn example(&self) -> Option<(String, String)> {
        let after = self.docs.split("## Example").nth(1)?;
        let section = after.split("\n## ").next()?;
        blocks(section).into_iter().find_map(|b| match b {
            Block::Code { info, text } => Some((info, text)),
            _ => None,
        })
    }
}

/// Loads the rules; `done(None)` when they could not be loaded.
pub fn load(done: impl FnOnce(Option<Vec<RuleDoc>>) + 'static) {
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let callback = {
        let done = done.clone();
        Closure::once_into_js(move |text: JsValue| {
            let rules = text.as_string().and_then(|t| parse(&t));
            if let Some(done) = done.borrow_mut().take() {
                done(rules);
            }
        })
    };
    if load_js(&callback).is_err() {
        if let Some(done) = done.borrow_mut().take() {
            done(None);
        }
    }
}

fn parse(text: &str) -> Option<Vec<RuleDoc>> {
    let list: Array = JSON::parse(text).ok()?.dyn_into().ok()?;
    let string = |item: &JsValue, key: &str| {
        Reflect::get(item, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let mut rules: Vec<RuleDoc> = list
        .iter()
        .map(|item| RuleDoc {
            code: string(&item, "code"),
            aliases: Reflect::get(&item, &"aliases".into())
                .ok()
                .and_then(|a| a.dyn_into::<Array>().ok())
                .map(|a| a.iter().filter_map(|v| v.as_string()).collect())
                .unwrap_or_default(),
            summary: string(&item, "summary"),
            severity: string(&item, "severity"),
            origin: string(&item, "origin"),
            off_by_default: Reflect::get(&item, &"off_by_default".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            docs: string(&item, "docs"),
        })
        .collect();
    dockwright_core::sort::sort_by_key(&mut rules, |r| r.code.to_lowercase());
    Some(rules)
}

/// The Markdown the docs use: headings, paragraphs, lists, code blocks.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    List(Vec<String>),
    Code { info: String, text: String },
}

pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = markdown.lines().peekable();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(
                paragraph
                    .iter()
                    .map(|l| l.trim())
                    .collect::<Vec<_>>()
                    .join(" "),
            ));
            paragraph.clear();
        }
    };
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(info) = trimmed.strip_prefix("```") {
            flush(&mut paragraph, &mut out);
            let mut text = String::new();
            for code in lines.by_ref() {
                if code.trim_start().starts_with("```") {
                    break;
                }
                text.push_str(code);
                text.push('\n');
            }
            out.push(Block::Code {
                info: info.trim().to_string(),
                text,
            });
        } else if let Some(heading) = trimmed.strip_prefix("## ") {
            flush(&mut paragraph, &mut out);
            out.push(Block::Heading(heading.trim().to_string()));
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            flush(&mut paragraph, &mut out);
            let mut items = vec![item.trim().to_string()];
            while let Some(next) = lines.peek() {
                let next_trimmed = next.trim_start();
                if let Some(item) = next_trimmed.strip_prefix("- ") {
                    items.push(item.trim().to_string());
                } else if !next_trimmed.is_empty() && next.starts_with(' ') {
                    // A continuation line of the item above.
                    let last = items.last_mut().expect("one item");
                    last.push(' ');
                    last.push_str(next_trimmed);
                } else {
                    break;
                }
                lines.next();
            }
            out.push(Block::List(items));
        } else if trimmed.is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// Inline Markdown: `code`, **bold**, [text](url) and bare http(s) URLs.
fn inline(text: &str) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let flush = |plain: &mut String, parts: &mut Vec<Html>| {
        if !plain.is_empty() {
            parts.push(html! { { std::mem::take(plain) } });
        }
    };
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            if let Some(end) = rest[1..].find('`') {
                flush(&mut plain, &mut parts);
                parts.push(html! { <code>{ &rest[1..1 + end] }</code> });
                rest = &rest[end + 2..];
                continue;
            }
        } else if rest.starts_with("**") {
            if let Some(end) = rest[2..].find("**") {
                flush(&mut plain, &mut parts);
                parts.push(html! { <strong>{ &rest[2..2 + end] }</strong> });
                rest = &rest[end + 4..];
                continue;
            }
        } else if c == '[' {
            if let Some((label, after)) = rest[1..].split_once("](") {
                if let Some((url, tail)) = after.split_once(')') {
                    if url.starts_with("https://") || url.starts_with("http://") {
                        flush(&mut plain, &mut parts);
                        parts.push(link(url, label));
                        rest = tail;
                        continue;
                    }
                }
            }
        } else if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ')')
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';']);
            flush(&mut plain, &mut parts);
            parts.push(link(url, url));
            rest = &rest[url.len()..];
            continue;
        }
        plain.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut plain, &mut parts);
    html! { <>{ for parts }</> }
}

fn link(url: &str, label: &str) -> Html {
    html! { <a href={url.to_string()} target="_blank" rel="noopener noreferrer">{ label }</a> }
}

pub fn render(markdown: &str) -> Html {
    html! {
        <div class="rule-docs">
            { for blocks(markdown).into_iter().map(|block| match block {
                Block::Heading(text) => html! { <h4>{ text }</h4> },
                Block::Paragraph(text) => html! { <p>{ inline(&text) }</p> },
                Block::List(items) => html! { <ul>{ for items.iter().map(|i| html! { <li>{ inline(i) }</li> }) }</ul> },
                Block::Code { text, .. } => html! { <pre><code>{ text }</code></pre> },
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_split_into_blocks() {
        let docs = "## What it does\nFlags `x`\nand y.\n\n## Example\n```dockerfile\nFROM a\n```\n\n## References\n- hadolint `DL1`\n  (continued)\n- https://x.example/y\n";
        let found = blocks(docs);
        assert_eq!(found[0], Block::Heading("What it does".into()));
        assert_eq!(found[1], Block::Paragraph("Flags `x` and y.".into()));
        assert_eq!(
            found[3],
            Block::Code {
                info: "dockerfile".into(),
                text: "FROM a\n".into()
            }
        );
        assert_eq!(
            found[5],
            Block::List(vec![
                "hadolint `DL1` (continued)".into(),
                "https://x.example/y".into()
            ])
        );
        let rule = RuleDoc {
            code: "DL1".into(),
            aliases: vec!["Other".into()],
            summary: "s".into(),
            severity: "warning".into(),
            origin: "hadolint".into(),
            off_by_default: false,
            docs: docs.into(),
        };
        assert_eq!(
            rule.example(),
            Some(("dockerfile".into(), "FROM a\n".into()))
        );
        assert!(rule.matches("other") && rule.matches("dl1") && !rule.matches("zzz"));
    }
}
