//! The page: header with counts, the editor, the findings panel.

use std::rc::Rc;

use dockwright_core::{lint, FileKind, LineIndex, Severity};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::editor::{Editor, EditorDiagnostic};
use crate::positions::utf16_offsets;

/// What a first-time visitor sees: a realistic multi-stage build.
pub const EXAMPLE_DOCKERFILE: &str = r#"# syntax=docker/dockerfile:1
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:22-bookworm-slim AS runner
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "healthcheck.js"]
CMD ["node", "server.js"]
"#;

/// The text being edited and the editor's version number for it.
#[derive(Clone, PartialEq)]
struct Document {
    text: Rc<str>,
    version: u32,
}

#[derive(Clone, PartialEq)]
struct Finding {
    line: usize,
    column: usize,
    severity: Severity,
    code: &'static str,
    message: String,
    from16: u32,
    to16: u32,
}

fn findings_for(text: &str) -> Vec<Finding> {
    let diagnostics = lint(FileKind::Dockerfile, text);
    let offsets: Vec<usize> = diagnostics
        .iter()
        .flat_map(|d| [d.span.start, d.span.end])
        .collect();
    let utf16 = utf16_offsets(text, &offsets);
    let index = LineIndex::new(text);
    diagnostics
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let at = index.line_col(d.span.start);
            Finding {
                line: at.line,
                column: at.column,
                severity: d.severity,
                code: d.code,
                message: d.message,
                from16: utf16[2 * i],
                to16: utf16[2 * i + 1],
            }
        })
        .collect()
}

fn push_to_editor(editor: &Editor, version: u32, findings: &[Finding]) {
    let list: Vec<EditorDiagnostic> = findings
        .iter()
        .map(|f| EditorDiagnostic {
            from: f.from16,
            to: f.to16,
            severity: f.severity.as_str(),
            code: f.code,
            message: &f.message,
        })
        .collect();
    editor.set_diagnostics(version, &list);
}

#[function_component(App)]
pub fn app() -> Html {
    let document = use_state(|| Document {
        text: Rc::from(EXAMPLE_DOCKERFILE),
        version: 0,
    });
    let findings = use_memo(document.text.clone(), |text| findings_for(text));
    let editor = use_mut_ref(|| None::<Editor>);
    let editor_missing = use_state(|| false);
    let host = use_node_ref();
    let fallback = use_node_ref();

    {
        let host = host.clone();
        let editor = editor.clone();
        let set_document = document.setter();
        let editor_missing = editor_missing.setter();
        let findings = findings.clone();
        use_effect_with((), move |_| {
            if let Some(parent) = host.cast::<web_sys::Element>() {
                let on_change = move |text: String, version: u32| {
                    set_document.set(Document {
                        text: Rc::from(text),
                        version,
                    });
                };
                match Editor::create(&parent, EXAMPLE_DOCKERFILE, on_change) {
                    Some(created) => {
                        push_to_editor(&created, 0, &findings);
                        *editor.borrow_mut() = Some(created);
                    }
                    None => editor_missing.set(true),
                }
            }
        });
    }
    {
        let editor = editor.clone();
        let version = document.version;
        use_effect_with(findings.clone(), move |findings| {
            if let Some(editor) = editor.borrow().as_ref() {
                push_to_editor(editor, version, findings);
            }
        });
    }

    let on_fallback_input = {
        let document = document.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            document.set(Document {
                text: Rc::from(area.value()),
                version: document.version + 1,
            });
        })
    };

    let jump_to = {
        let editor = editor.clone();
        let fallback = fallback.clone();
        Callback::from(move |(from, to): (u32, u32)| {
            if let Some(editor) = editor.borrow().as_ref() {
                editor.handle.select(from, to);
            } else if let Some(area) = fallback.cast::<HtmlTextAreaElement>() {
                let _ = area.focus();
                let _ = area.set_selection_range(from, to);
            }
        })
    };

    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let others = findings.len() - errors;

    html! {
        <div class="app">
            <header class="topbar">
                <img src="icons/icon.svg" alt="" />
                <h1>{ "Dockwright" }</h1>
                <span class="tagline">{ "Dockerfiles checked as BuildKit reads them — in your browser, nothing sent anywhere" }</span>
                <span class="spacer"></span>
                <div class="status" aria-live="polite" data-testid="status">
                    if findings.is_empty() {
                        <span class="badge clean">{ "No problems" }</span>
                    } else {
                        <span class="badge error">{ plural(errors, "error") }</span>
                        <span class="badge warning">{ plural(others, "warning") }</span>
                    }
                </div>
            </header>
            <main class="workspace">
                <section class="editor-pane" aria-label="Editor">
                    <div class="file-tab">{ "Dockerfile" }</div>
                    if *editor_missing {
                        <div class="fallback-note">{ "The code editor could not load; editing in a plain text area." }</div>
                        <textarea
                            ref={fallback}
                            class="fallback-editor"
                            aria-label="Dockerfile editor"
                            spellcheck="false"
                            value={document.text.to_string()}
                            oninput={on_fallback_input}
                        />
                    }
                    <div ref={host} class="editor-host" hidden={*editor_missing}></div>
                </section>
                <aside class="findings" aria-label="Findings">
                    <h2>{ "Findings" }</h2>
                    if findings.is_empty() {
                        <p class="empty">{ "No problems found. Try typing " }<code>{ "COPY app.py" }</code>{ " on a new line." }</p>
                    } else {
                        <ul data-testid="findings">
                            { for findings.iter().map(|f| finding_item(f, &jump_to)) }
                        </ul>
                    }
                </aside>
            </main>
        </div>
    }
}

fn finding_item(finding: &Finding, jump_to: &Callback<(u32, u32)>) -> Html {
    let range = (finding.from16, finding.to16);
    let onclick = jump_to.reform(move |_: MouseEvent| range);
    html! {
        <li>
            <button class={classes!("finding", finding.severity.as_str())} {onclick}>
                <span class="where">
                    <span>{ format!("Line {}, column {}", finding.line, finding.column) }</span>
                    <span class="code">{ finding.code }</span>
                    <span>{ finding.severity.as_str() }</span>
                </span>
                <span class="message">{ &finding.message }</span>
            </button>
        </li>
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
