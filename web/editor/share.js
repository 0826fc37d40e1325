// Share links: the whole workspace (files and which one is open) as JSON,
// compressed with deflate and written base64url after `#v1=` in the URL's
// fragment. Fragments never reach a server. The page's wasm module calls
// these through `window.DockwrightShare`.

import { PREFIX, encode, decode } from "./link.js";

function pageUrl() {
  return location.href.split("#")[0];
}

window.DockwrightFiles = {
  // Offers `text` as a file download called `name`.
  download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "text/yaml" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
  // Lets the user pick a text file; done(text), or done(null) if it could
  // not be read. Nothing happens when the picker is closed.
  pick(accept, done) {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = accept;
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      if (file) file.text().then(done, () => done(null));
    });
    input.click();
  },
};

window.DockwrightShare = {
  // done(url) with the link to the state, or "" when it could not be made.
  link(json, done) {
    encode(json).then((code) => done(pageUrl() + PREFIX + code), () => done(""));
  },
  // done(true) once `text` is on the clipboard, done(false) when the
  // browser refused.
  copy(text, done) {
    if (!navigator.clipboard) {
      done(false);
      return;
    }
    navigator.clipboard.writeText(text).then(() => done(true), () => done(false));
  },
  // onLink(json) with the state a `#v1=` link carries, now and whenever the
  // fragment changes (a link pasted into this tab); onLink(null) when the
  // link is broken. The fragment is then taken off the URL, so that a
  // reload shows the saved work rather than the link again.
  watchHash(onLink) {
    const read = () => {
      if (!location.hash.startsWith(PREFIX)) return;
      const code = location.hash.slice(PREFIX.length);
      history.replaceState(null, "", pageUrl());
      decode(code).then(onLink, () => onLink(null));
    };
    window.addEventListener("hashchange", read);
    read();
  },
};

// In an embedded widget (?embed), tells the page that holds the frame how
// tall the content is, so that embed.js can size the frame to it.
window.DockwrightEmbed = {
  reportHeight() {
    if (window.parent === window) return;
    let last = 0;
    const report = () => {
      const height = Math.ceil(document.documentElement.scrollHeight);
      if (height !== last) {
        last = height;
        window.parent.postMessage({ dockwright: "height", height }, "*");
      }
    };
    new ResizeObserver(report).observe(document.body);
    report();
  },
};
