fn main() {
    // The same module also starts in the engine's worker (lint_worker.rs),
    // where there is no page to draw.
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // Loading while the page draws: the first findings come from it.
    dockwright_web::lint_worker::prestart();
    // The app draws into a box of its own: the frame index.html drew
    // before the engine arrived (#boot) stays over it until the app has
    // drawn and taken its editor over.
    let root = document
        .create_element("div")
        .ok()
        .zip(document.body())
        .and_then(|(root, body)| body.append_child(&root).ok().map(|_| root));
    match root {
        Some(root) => yew::Renderer::<dockwright_web::App>::with_root(root).render(),
        None => yew::Renderer::<dockwright_web::App>::new().render(),
    };
}
