//! The findings list: grouped by file, filtered by severity, each finding a
//! button that opens its span in the editor, with its Fix and its rule page.
//! A component of its own, so that a keystroke (which changes the text but
//! not yet the findings) does not rebuild it: it renders when the findings,
//! the file names or its own filter change.

use std::collections::HashSet;
use std::rc::Rc;

use dockwright_core::Severity;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::shared::Shared;
use crate::workspace::{FileFindings, Finding, QuickFix};

/// Rows drawn per file until the user asks for all of them: a file with
/// thousands of findings would otherwise cost the page a long render each
/// time its findings change.
const ROWS_AT_FIRST: usize = 100;

/// Which findings the panel shows.
#[derive(Clone, Copy, PartialEq)]
enum Filter {
    All,
    Errors,
    Warnings,
    Notes,
}

impl Filter {
    fn keeps(self, severity: Severity) -> bool {
        match self {
            Filter::All => true,
            Filter::Errors => severity == Severity::Error,
            Filter::Warnings => severity == Severity::Warning,
            Filter::Notes => matches!(severity, Severity::Info | Severity::Style),
        }
    }
}

/// Errors, warnings and notes (info and style) over all files.
#[derive(Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Counts {
    pub fn of(findings: &[FileFindings]) -> Counts {
        let mut counts = Counts::default();
        for finding in findings.iter().flat_map(|f| &f.findings) {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info | Severity::Style => counts.notes += 1,
            }
        }
        counts
    }

    pub fn total(self) -> usize {
        self.errors + self.warnings + self.notes
    }
}

#[derive(Properties, PartialEq)]
pub struct StatusProps {
    /// No findings have arrived yet.
    pub checking: bool,
    pub counts: Counts,
}

/// The counts in the top bar (and a widget's foot), drawn again only when
/// they change.
#[function_component(StatusBadges)]
pub fn status_badges(props: &StatusProps) -> Html {
    let counts = props.counts;
    html! {
        <div class="status" aria-live="polite" data-testid="status">
            if props.checking {
                <span class="badge checking">{ "Checking…" }</span>
            } else if counts.total() == 0 {
                <span class="badge clean">{ "No problems" }</span>
            } else {
                <span class="badge error">{ plural(counts.errors, "error") }</span>
                <span class="badge warning">{ plural(counts.warnings + counts.notes, "warning") }</span>
            }
        </div>
    }
}

/// A finding's place: file id and UTF-16 range.
pub type Place = (u32, u32, u32);

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    /// The files in tab order: id and name.
    pub files: Rc<Vec<(u32, String)>>,
    pub findings: Shared<Vec<FileFindings>>,
    /// No findings yet: the files are being checked.
    #[prop_or_default]
    pub checking: bool,
    pub on_jump: Callback<Place>,
    /// Opens a rule's page; none in the widget.
    #[prop_or_default]
    pub on_rule: Option<Callback<String>>,
    /// Applies a quick fix; none when the editor cannot.
    #[prop_or_default]
    pub on_fix: Option<Callback<(u32, QuickFix)>>,
}

#[function_component(FindingsPanel)]
pub fn findings_panel(props: &FindingsProps) -> Html {
    let filter = use_state(|| Filter::All);
    // Files whose findings are all drawn (the others stop at ROWS_AT_FIRST).
    let expanded = use_state(HashSet::<u32>::new);
    let counts = Counts::of(&props.findings);
    let choice = |value: Filter, label: String| {
        let pressed = *filter == value;
        let filter = filter.setter();
        html! {
            <button class="filter" aria-pressed={pressed.to_string()} onclick={Callback::from(move |_: MouseEvent| filter.set(value))}>{ label }</button>
        }
    };
    let groups: Vec<Html> = props
        .files
        .iter()
        .filter_map(|(id, name)| {
            let id = *id;
            let kept: Vec<&Finding> = findings_of(&props.findings, id)
                .iter()
                .filter(|f| filter.keeps(f.severity))
                .collect();
            if kept.is_empty() {
                return None;
            }
            let all = expanded.contains(&id);
            let drawn = if all { kept.len() } else { kept.len().min(ROWS_AT_FIRST) };
            let show_all = (drawn < kept.len()).then(|| {
                let expanded = expanded.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    let mut next = (*expanded).clone();
                    next.insert(id);
                    expanded.set(next);
                });
                html! {
                    <button class="show-all" {onclick}>
                        { format!("Show all {} findings in {name}", kept.len()) }
                    </button>
                }
            });
            Some(html! {
                <section class="file-findings" aria-label={format!("Findings in {name}")}>
                    <h3>{ name }<span class="file-count">{ plural(kept.len(), "finding") }</span></h3>
                    <ul data-testid="findings">
                        { for kept[..drawn].iter().map(|f| finding_item(id, f, props)) }
                    </ul>
                    { for show_all }
                </section>
            })
        })
        .collect();
    html! {
        <div class="findings" aria-label="Findings">
            <div class="findings-head">
                <h2>{ "Findings" }</h2>
                <div class="filters" role="group" aria-label="Show findings">
                    { choice(Filter::All, format!("All {}", counts.total())) }
                    { choice(Filter::Errors, format!("Errors {}", counts.errors)) }
                    { choice(Filter::Warnings, format!("Warnings {}", counts.warnings)) }
                    { choice(Filter::Notes, format!("Notes {}", counts.notes)) }
                </div>
            </div>
            if props.checking {
                <p class="empty">{ "Checking the files…" }</p>
            } else if counts.total() == 0 {
                <p class="empty">{ "No problems found. Try typing " }<code>{ "COPY app.py" }</code>{ " on a new line of the Dockerfile." }</p>
            } else if groups.is_empty() {
                <p class="empty">{ "Nothing of this kind." }</p>
            } else {
                <div class="groups" onkeydown={Callback::from(move_between_findings)}>{ for groups }</div>
            }
        </div>
    }
}

pub fn findings_of(all: &[FileFindings], id: u32) -> &[Finding] {
    all.iter()
        .find(|f| f.id == id)
        .map_or(&[], |f| f.findings.as_slice())
}

pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Arrow keys (and Home/End) move between findings, as in a list.
fn move_between_findings(event: KeyboardEvent) {
    let step: isize = match event.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        "Home" => isize::MIN,
        "End" => isize::MAX,
        _ => return,
    };
    let Some(container) = event
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(buttons) = container.query_selector_all("button.finding") else {
        return;
    };
    let count = buttons.length() as isize;
    if count == 0 {
        return;
    }
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let current = (0..count).find(|&i| {
        let item = buttons.item(i as u32);
        item.is_some() && active.as_ref().map(|a| a.is_same_node(item.as_ref())) == Some(true)
    });
    let next = match (step, current) {
        (isize::MIN, _) => 0,
        (isize::MAX, _) => count - 1,
        (_, None) => 0,
        (step, Some(i)) => (i + step).clamp(0, count - 1),
    };
    if let Some(button) = buttons
        .item(next as u32)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    {
        event.prevent_default();
        let _ = button.focus();
    }
}

fn finding_item(id: u32, finding: &Finding, props: &FindingsProps) -> Html {
    let range = (id, finding.from16, finding.to16);
    let onclick = props.on_jump.reform(move |_: MouseEvent| range);
    let code = finding.code.clone();
    // Syntax and schema errors are the engine's, not rules with pages.
    let has_page = !matches!(
        &*code,
        "syntax-error" | "build-error" | "invalid-schema" | "config-error"
    );
    html! {
        <li class="finding-row">
            <button class={classes!("finding", finding.severity.as_str())} {onclick}>
                <span class="where">
                    <span>{ format!("Line {}, column {}", finding.line, finding.column) }</span>
                    <span class="code">{ &*code }</span>
                    <span>{ finding.severity.as_str() }</span>
                </span>
                <span class="message">{ &finding.message }</span>
            </button>
            if let (Some(on_fix), Some(fix)) = (&props.on_fix, &finding.fix) {
                <button class="fix-finding" title={fix.title.clone()} aria-label={format!("Fix: {}", fix.title)}
                    onclick={{ let fix = fix.clone(); on_fix.reform(move |_: MouseEvent| (id, fix.clone())) }}>{ "Fix" }</button>
            }
            if let Some(on_rule) = props.on_rule.as_ref().filter(|_| has_page) {
                <button class="about-rule" aria-label={format!("About {code}")} title={format!("About {code}")}
                    onclick={on_rule.reform(move |_: MouseEvent| code.to_string())}>{ "?" }</button>
            }
        </li>
    }
}
