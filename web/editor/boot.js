// The page before its engine arrives. index.html holds the page's frame
// (#boot, laid over the page until the app has drawn); as soon as this
// script runs, the file the app will open first is shown in it, in a real
// editor, so that on a slow network the visitor reads (and may already type
// into) their file while the engine's bytes are still coming. The app takes
// this editor over (`adopt`), keeping what was typed, and removes the frame.
//
// The file is the one the app opens: the active file of the workspace saved
// in the browser (crates/web/src/storage.rs writes it), else the example
// Dockerfile (web/examples/example.Dockerfile, the app's own example). A
// shared link (`#…`) or an embedded widget (`?embed`) opens other files:
// then no file is shown early.

import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import example from "../examples/example.Dockerfile";

const SAVED = "dockwright.workspace.v1";

/** What the app will show first: `{ name, text }`, or null when it cannot be known here. */
function firstFile() {
  if (location.hash.length > 1) return null;
  if (/(^|[?&])embed(=|&|$)/.test(location.search)) return null;
  try {
    const saved = JSON.parse(localStorage.getItem(SAVED) ?? "null");
    if (saved && Array.isArray(saved.files) && saved.files.length > 0) {
      const valid = saved.files.every((f) => typeof f?.name === "string" && typeof f?.text === "string");
      if (!valid) return null;
      return saved.files.find((f) => f.name === saved.active) ?? saved.files[0];
    }
    // Anything else saved there is not read by the app either: it starts
    // from the example.
  } catch {
    // Unreadable storage: the app starts from the example too.
  }
  return { name: "Dockerfile", text: example };
}

/** The language the app gives a file of this name, as far as the name tells. */
function kindOfName(name) {
  const base = name.split("/").pop().toLowerCase();
  if (/\.(ya?ml)$/.test(base)) return "yaml";
  if (base === "dockerfile" || base.startsWith("dockerfile.") || base.endsWith(".dockerfile") || base.startsWith("containerfile")) {
    return "dockerfile";
  }
  return "plain";
}

let early = null;

function savedCursor(name) {
  try {
    const at = JSON.parse(localStorage.getItem("dockwright.cursors.v1") ?? "{}")[name];
    return Number.isInteger(at) && at > 0 ? at : 0;
  } catch {
    return 0;
  }
}

/** The frame's theme button says what the app's will (theme.js applied it). */
function labelTheme() {
  const button = document.getElementById("boot-theme");
  const saved = localStorage.getItem("dockwright.theme");
  if (button && (saved === "dark" || saved === "light")) button.textContent = `Theme: ${saved}`;
}

/**
 * Shows the first file in the frame's editor box. `extensions(kind, name,
 * text)` are the editor's own (main.js), so the early editor looks and
 * behaves as the app's will.
 */
export function showFirstFile(extensions) {
  try {
    labelTheme();
  } catch {
    // No storage: the label stays "system", as the app's will.
  }
  const host = document.getElementById("boot-editor");
  const file = host && firstFile();
  if (!file) return;
  const label = document.getElementById("boot-name");
  if (label) {
    label.textContent = file.name;
    label.closest(".tabs")?.classList.add("named");
  }
  const state = EditorState.create({ doc: file.text, extensions: extensions(kindOfName(file.name), file.name, file.text) });
  // Where the cursor was left in this file (main.js keeps it), as the app does.
  const cursor = Math.min(savedCursor(file.name), state.doc.length);
  const view = new EditorView({ parent: host, state: state.update({ selection: { anchor: cursor } }).state });
  view.dispatch({ effects: EditorView.scrollIntoView(cursor) });
  host.dataset.largestText = String(largestText(view));
  early = { view, name: file.name, text: file.text };
}

/**
 * The area on screen of the early editor's largest line of text, as the
 * browser sizes a largest-contentful-paint candidate. The engine's loader
 * (Trunk.toml) waits for the file's paint to be reported when it is the
 * page's largest text, and fetches the engine's bytes after it.
 */
function largestText(view) {
  let largest = 0;
  const range = document.createRange();
  for (const line of view.contentDOM.querySelectorAll(".cm-line")) {
    range.selectNodeContents(line);
    const box = range.getBoundingClientRect();
    const width = Math.min(box.right, innerWidth) - Math.max(box.left, 0);
    const height = Math.min(box.bottom, innerHeight) - Math.max(box.top, 0);
    if (width > 0 && height > 0) largest = Math.max(largest, width * height);
  }
  return Math.round(largest);
}

/** Removes the frame: the app is drawn under it. */
export function endBoot() {
  document.getElementById("boot")?.remove();
}

/**
 * The early editor for the app's editor box `parent`, or null when there is
 * none. Taken once; the frame is removed.
 */
export function adopt(parent) {
  const taken = early;
  early = null;
  if (taken) {
    // Moving an element out of the page blurs it: whoever is typing keeps
    // typing into the same editor.
    const focused = taken.view.hasFocus;
    parent.append(taken.view.dom);
    if (focused) taken.view.focus();
  }
  endBoot();
  return taken;
}
