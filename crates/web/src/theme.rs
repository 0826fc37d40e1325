//! The colour theme: the system's, or one chosen with the toggle.

/// The colour theme: the system's, or one chosen with the toggle.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Theme {
    System,
    Dark,
    Light,
}

impl Theme {
    const KEY: &'static str = "dockwright.theme";

    pub(crate) fn saved() -> Theme {
        let value = web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .and_then(|s| s.get_item(Theme::KEY).ok().flatten());
        match value.as_deref() {
            Some("dark") => Theme::Dark,
            Some("light") => Theme::Light,
            _ => Theme::System,
        }
    }

    pub(crate) fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Theme::System => "Theme: system",
            Theme::Dark => "Theme: dark",
            Theme::Light => "Theme: light",
        }
    }

    /// Sets the theme on the page (theme.js does it before the first draw)
    /// and remembers it.
    pub(crate) fn apply(self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let storage = window.local_storage().ok().flatten();
        let root = window.document().and_then(|d| d.document_element());
        match self {
            Theme::System => {
                if let Some(root) = &root {
                    let _ = root.remove_attribute("data-theme");
                }
                if let Some(storage) = &storage {
                    let _ = storage.remove_item(Theme::KEY);
                }
            }
            Theme::Dark | Theme::Light => {
                let name = if self == Theme::Dark { "dark" } else { "light" };
                if let Some(root) = &root {
                    let _ = root.set_attribute("data-theme", name);
                }
                if let Some(storage) = &storage {
                    let _ = storage.set_item(Theme::KEY, name);
                }
            }
        }
    }
}
