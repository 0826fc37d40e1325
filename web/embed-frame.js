// Dockwright widgets in frames of their own, for docs hosts that need each
// widget isolated from the page: include this script instead of embed.js
// (from the folder the Dockwright site is served from) and every
//   <pre data-dockwright="dockerfile">…</pre>   or   data-dockwright="compose"
// becomes an iframe of the playground's embed mode with its file. Add
// data-readonly for a viewer. Each frame loads the whole playground; a page
// with many blocks is lighter with embed.js (one engine for all widgets).
// Each widget is independent: it never touches the work saved in the full
// playground.
(() => {
  const script = document.currentScript;
  const base = new URL(".", script ? script.src : location.href);
  const NAMES = { dockerfile: "Dockerfile", compose: "compose.yaml" };

  async function code(json) {
    const piped = new Blob([new TextEncoder().encode(json)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(piped).arrayBuffer());
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  }

  const frames = new Set();
  window.addEventListener("message", (event) => {
    if (event.origin !== base.origin || event.data?.dockwright !== "height") return;
    for (const frame of frames) {
      if (frame.contentWindow === event.source) frame.style.height = `${Math.min(event.data.height, 2000)}px`;
    }
  });

  async function upgrade(pre) {
    const kind = pre.dataset.dockwright in NAMES ? pre.dataset.dockwright : "dockerfile";
    const name = NAMES[kind];
    const text = pre.textContent.replace(/^\n/, "");
    const readonly = pre.hasAttribute("data-readonly");
    const url = new URL(`index.html?embed${readonly ? "&readonly" : ""}`, base);
    url.hash = `v1=${await code(JSON.stringify({ files: [{ name, text }], active: name }))}`;
    const frame = document.createElement("iframe");
    frame.src = url.href;
    frame.title = `${name}, checked by Dockwright${readonly ? " (read only)" : ""}`;
    frame.className = "dockwright-widget";
    frame.style.cssText = "width:100%;border:1px solid #dde3ec;border-radius:8px;display:block";
    frame.style.height = `${Math.max(120, pre.offsetHeight + 90)}px`;
    frame.loading = "lazy";
    frames.add(frame);
    pre.replaceWith(frame);
  }

  const start = () => document.querySelectorAll("pre[data-dockwright]").forEach((pre) => upgrade(pre));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
