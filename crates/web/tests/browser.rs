//! The page in a real browser (headless Chromium through
//! wasm-bindgen-test-runner). Without the editor script, the page must fall
//! back to a text area and still lint every change.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn next_frames() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

fn mount() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<dockwright_web::App>::with_root(root.clone().into()).render();
    root
}

#[wasm_bindgen_test]
async fn fallback_text_area_lints_each_change() {
    let root = mount();
    next_frames().await;
    let status = root
        .query_selector("[data-testid=status]")
        .unwrap()
        .unwrap();
    assert_eq!(status.text_content().unwrap(), "No problems");

    let area: HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .expect("fallback text area")
        .dyn_into()
        .unwrap();
    area.set_value("FROM alpine:3.20\nCOPY onlyone\nFROB x\n");
    let event = web_sys::InputEvent::new("input").unwrap();
    area.dispatch_event(&event).unwrap();
    next_frames().await;

    // The Dockerfile's own findings; compose.yaml also gets one, since its
    // build target names a stage this text no longer has.
    let findings = root
        .query_selector_all("section[aria-label='Findings in Dockerfile'] .finding")
        .unwrap();
    assert_eq!(findings.length(), 2);
    let first = findings.item(0).unwrap().text_content().unwrap();
    assert!(first.contains("Line 2, column 1"), "{first}");
    assert!(
        first.contains("COPY requires at least two arguments"),
        "{first}"
    );
    let second = findings.item(1).unwrap().text_content().unwrap();
    assert!(
        second.contains("unknown instruction: FROB (did you mean FROM?)"),
        "{second}"
    );
    let compose = root
        .query_selector("section[aria-label='Findings in compose.yaml']")
        .unwrap()
        .expect("the compose file's group")
        .text_content()
        .unwrap();
    assert!(
        compose.contains("target stage \"runner\" could not be found"),
        "{compose}"
    );
    assert_eq!(status.text_content().unwrap(), "3 errors0 warnings");
}
