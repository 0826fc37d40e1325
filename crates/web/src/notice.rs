//! The message above the editor: what a share, a copy or a link did.

use yew::prelude::*;

use crate::share;

/// A message above the editor: what a share, a copy or a link did.
#[derive(Clone, PartialEq)]
pub(crate) struct Notice {
    pub(crate) text: String,
    /// Offer to bring back the files a shared link replaced.
    pub(crate) restore: bool,
    /// A link to show when the clipboard refused it.
    pub(crate) link: Option<String>,
}

impl Notice {
    pub(crate) fn say(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            restore: false,
            link: None,
        }
    }
}

/// Makes the share link of `json` and copies it; the notice says so, or
/// shows the link when the clipboard refused it.
pub(crate) fn copy_link(
    json: &str,
    notice: UseStateSetter<Option<Notice>>,
    copied_text: &'static str,
) {
    share::link(json, move |url| match url {
        None => notice.set(Some(Notice::say("This browser could not make a link."))),
        Some(url) => {
            let shown_link = url.clone();
            share::copy(&url, move |copied| {
                notice.set(Some(if copied {
                    Notice::say(copied_text)
                } else {
                    Notice {
                        text: "Copy this link:".into(),
                        restore: false,
                        link: Some(shown_link),
                    }
                }))
            });
        }
    });
}
