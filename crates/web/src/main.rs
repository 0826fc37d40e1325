fn main() {
    yew::Renderer::<dockwright_web::App>::new().render();
}
