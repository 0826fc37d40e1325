//! The Outline button of the tab row: the file's stages and their
//! instructions, or its services, networks, volumes, secrets and configs
//! (the engine's `assist` outline), in a list that jumps to each one.
//! Escape or a second press closes it; it is a list of buttons, so the
//! keyboard reaches every entry.

use dockwright_core::assist::{compose, dockerfile, Symbol};
use dockwright_core::FileKind;
use gloo_events::EventListener;
use yew::prelude::*;

use crate::findings_panel::Place;
use crate::positions::utf16_offsets;

#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    pub id: u32,
    pub name: String,
    pub text: std::rc::Rc<str>,
    pub on_jump: Callback<Place>,
}

/// One entry as drawn: its depth, name, detail and place.
struct Entry {
    depth: usize,
    name: String,
    detail: String,
    from: u32,
    to: u32,
}

fn entries(name: &str, text: &str) -> Vec<Entry> {
    let base = name.rsplit('/').next().unwrap_or(name);
    let symbols = match FileKind::from_name(base) {
        Some(FileKind::Dockerfile) => dockerfile::outline(text),
        Some(FileKind::Compose) => compose::outline(text),
        _ => return Vec::new(),
    };
    let mut flat = Vec::new();
    fn walk<'a>(symbols: &'a [Symbol], depth: usize, flat: &mut Vec<(usize, &'a Symbol)>) {
        for symbol in symbols {
            flat.push((depth, symbol));
            walk(&symbol.children, depth + 1, flat);
        }
    }
    walk(&symbols, 0, &mut flat);
    let bytes: Vec<usize> = flat
        .iter()
        .flat_map(|(_, s)| [s.selection.start, s.selection.end])
        .collect();
    let offsets = utf16_offsets(text, &bytes);
    flat.iter()
        .enumerate()
        .map(|(i, (depth, symbol))| Entry {
            depth: *depth,
            name: symbol.name.clone(),
            detail: symbol.detail.clone(),
            from: offsets[2 * i],
            to: offsets[2 * i + 1],
        })
        .collect()
}

/// Shown for Dockerfiles and compose files.
pub fn has_outline(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    matches!(
        FileKind::from_name(base),
        Some(FileKind::Dockerfile | FileKind::Compose)
    )
}

#[function_component(Outline)]
pub fn outline(props: &OutlineProps) -> Html {
    let open = use_state(|| false);
    // Where the list is drawn: under the button, in the window (the tab row
    // scrolls, and would clip a list drawn inside it).
    let place = use_state(|| (0.0, 0.0));
    let button = use_node_ref();
    {
        // Escape closes the list, wherever the focus is.
        let open = open.clone();
        use_effect_with(*open, move |is_open| {
            let listener = is_open.then(|| {
                EventListener::new(&gloo_utils::document(), "keydown", move |event| {
                    let event: &KeyboardEvent = wasm_bindgen::JsCast::unchecked_ref(event);
                    if event.key() == "Escape" {
                        open.set(false);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let toggle = {
        let open = open.clone();
        let place = place.clone();
        let button = button.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(element) = button.cast::<web_sys::Element>() {
                let rect = element.get_bounding_client_rect();
                let width = gloo_utils::window()
                    .inner_width()
                    .ok()
                    .and_then(|w| w.as_f64())
                    .unwrap_or(rect.right());
                place.set((rect.bottom() + 4.0, (width - rect.right()).max(4.0)));
            }
            open.set(!*open)
        })
    };
    let list = if *open {
        let entries = entries(&props.name, &props.text);
        // Drawn in the page's body: the tab row contains its paint (for
        // the keystroke's sake), which would clip the list.
        let list = html! {
            // A landmark of its own: it is drawn outside the page's regions.
            <nav class="outline-list" aria-label="Outline"
                style={format!("top: {}px; right: {}px", place.0, place.1)}>
            <ul aria-label={format!("Outline of {}", props.name)}>
                if entries.is_empty() {
                    <li class="outline-empty">{ "Nothing to list yet." }</li>
                }
                { for entries.into_iter().map(|entry| {
                    let on_jump = props.on_jump.clone();
                    let open = open.clone();
                    let id = props.id;
                    let (from, to) = (entry.from, entry.to);
                    let onclick = Callback::from(move |_: MouseEvent| {
                        open.set(false);
                        on_jump.emit((id, from, to));
                    });
                    html! {
                        <li style={format!("padding-left: {}rem", entry.depth)}>
                            <button class="outline-entry" {onclick}>
                                <span class="outline-name">{ entry.name }</span>
                                <span class="outline-detail">{ entry.detail }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            </nav>
        };
        match gloo_utils::document().body() {
            Some(body) => create_portal(list, body.into()),
            None => list,
        }
    } else {
        Html::default()
    };
    html! {
        <span class="outline">
            <button ref={button} class="tab-outline" aria-expanded={open.to_string()} onclick={toggle}
                title="The file's stages or services">{ "Outline" }</button>
            { list }
        </span>
    }
}
