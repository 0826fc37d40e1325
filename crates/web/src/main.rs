fn main() {
    // The same module also starts in the engine's worker (lint_worker.rs),
    // where there is no page to draw.
    if web_sys::window().is_some() {
        // Loading while the page draws: the first findings come from it.
        dockwright_web::lint_worker::prestart();
        yew::Renderer::<dockwright_web::App>::new().render();
    }
}
