//! A change shown before it is made: the lines removed and added, with a
//! little context and long unchanged runs folded.

use dockwright_core::diff::{lines, LineChange};
use yew::prelude::*;

/// Unchanged lines shown around each change.
const CONTEXT: usize = 2;

/// The diff of one file, `old` → `new` (`old` empty for a new file).
pub fn file_diff(path: &str, old: Option<&str>, new: &str) -> Html {
    let status = match old {
        None => "new file",
        Some(old) if old == new => "unchanged",
        Some(_) => "changed",
    };
    let diff = lines(old.unwrap_or(""), new);
    let near_change = |i: usize| {
        let from = i.saturating_sub(CONTEXT);
        let to = (i + CONTEXT + 1).min(diff.len());
        diff[from..to].iter().any(|l| l.change != LineChange::Same)
    };
    let mut rows: Vec<Html> = Vec::new();
    let mut folded = 0;
    let (mut old_line, mut new_line) = (0, 0);
    for (i, line) in diff.iter().enumerate() {
        match line.change {
            LineChange::Same => {
                old_line += 1;
                new_line += 1;
            }
            LineChange::Removed => old_line += 1,
            LineChange::Added => new_line += 1,
        }
        if old.is_some() && line.change == LineChange::Same && !near_change(i) {
            folded += 1;
            continue;
        }
        if folded > 0 {
            rows.push(
                html! { <div class="diff-fold">{ format!("… {folded} unchanged lines") }</div> },
            );
            folded = 0;
        }
        let (class, sign, number) = match line.change {
            LineChange::Same => ("diff-same", " ", new_line),
            LineChange::Removed => ("diff-removed", "−", old_line),
            LineChange::Added => ("diff-added", "+", new_line),
        };
        rows.push(html! {
            <div class={classes!("diff-line", class)}>
                <span class="diff-number" aria-hidden="true">{ number }</span>
                <span class="diff-sign">{ sign }</span>
                <span class="diff-text">{ line.text }</span>
            </div>
        });
    }
    if folded > 0 {
        rows.push(html! { <div class="diff-fold">{ format!("… {folded} unchanged lines") }</div> });
    }
    html! {
        <section class="diff" aria-label={format!("Changes to {path}")}>
            <h4><code>{ path }</code><span class={classes!("diff-status", status.replace(' ', "-"))}>{ status }</span></h4>
            if status != "unchanged" {
                <div class="diff-body">{ for rows }</div>
            }
        </section>
    }
}

/// Text whose `backticked` parts are code, as the engine writes its
/// explanations; everything stays text (no markup is parsed).
pub fn inline_code(text: &str) -> Html {
    let parts = text.split('`').enumerate().map(|(i, part)| {
        if i % 2 == 1 {
            html! { <code>{ part }</code> }
        } else {
            html! { { part } }
        }
    });
    html! { <>{ for parts }</> }
}
