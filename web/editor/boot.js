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
//
// A Dockerfile's own findings are drawn early too: a small module holding
// only the Dockerfile lint (crates/first-lint, run by
// web/first-lint-worker.js; about a third of the page's bytes) lints the
// early editor's text as it is typed. The page's engine then lints the
// whole project, and its findings replace these; those can only add to
// them (checked by crates/core/tests/first_findings.rs). Only a workspace
// with default settings is linted early: the module knows no other.

import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { setDiagnostics, forEachDiagnostic } from "@codemirror/lint";
import { diagnosticsOf, BY_INDEX } from "./diagnostics.js";
import example from "../examples/example.Dockerfile";

const SAVED = "dockwright.workspace.v1";

/**
 * What the app will show first: `{ name, text, settings }` (settings: the
 * workspace has its own), or null when it cannot be known here.
 */
function firstFile() {
  if (location.hash.length > 1) return null;
  if (/(^|[?&])embed(=|&|$)/.test(location.search)) return null;
  try {
    const saved = JSON.parse(localStorage.getItem(SAVED) ?? "null");
    if (saved && Array.isArray(saved.files) && saved.files.length > 0) {
      const valid = saved.files.every((f) => typeof f?.name === "string" && typeof f?.text === "string");
      if (!valid) return null;
      const file = saved.files.find((f) => f.name === saved.active) ?? saved.files[0];
      return { name: file.name, text: file.text, settings: typeof saved.settings === "string" && saved.settings !== "" };
    }
    // Anything else saved there is not read by the app either: it starts
    // from the example.
  } catch {
    // Unreadable storage: the app starts from the example too.
  }
  return { name: "Dockerfile", text: example, settings: false };
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

// Settled once the early editor's first findings are drawn, or as soon as
// it is known that there will be none early. The engine's loader
// (Trunk.toml) waits for it, so that the small module's bytes come first.
let settleFirst;
window.dockwrightFirstFindings = new Promise((resolve) => {
  settleFirst = resolve;
});

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
  if (!file) {
    settleFirst();
    return;
  }
  const label = document.getElementById("boot-name");
  if (label) {
    label.textContent = file.name;
    label.closest(".tabs")?.classList.add("named");
  }
  const kind = kindOfName(file.name);
  const relint = EditorView.updateListener.of((update) => {
    if (update.docChanged) early?.lint?.changed();
  });
  const state = EditorState.create({ doc: file.text, extensions: [extensions(kind, file.name, file.text), relint] });
  // Where the cursor was left in this file (main.js keeps it), as the app does.
  const cursor = Math.min(savedCursor(file.name), state.doc.length);
  const view = new EditorView({ parent: host, state: state.update({ selection: { anchor: cursor } }).state });
  view.dispatch({ effects: EditorView.scrollIntoView(cursor) });
  host.dataset.largestText = String(largestText(view));
  early = { view, name: file.name, text: file.text, lint: null };
  if (kind === "dockerfile" && !file.settings) early.lint = lintEarly(view, file.name);
  else settleFirst();
}

/**
 * Lints the early editor's text in the first-findings worker, now and after
 * each change; latest wins (one version in flight, findings of an older one
 * never drawn). Returns `{ changed, stop }`.
 */
function lintEarly(view, name) {
  let worker;
  try {
    worker = new Worker(new URL("first-lint-worker.js", document.baseURI), { type: "module" });
  } catch {
    settleFirst();
    return null;
  }
  let sent = 0;
  let inFlight = false;
  let waiting = false;
  let stopped = false;
  const post = () => {
    inFlight = true;
    waiting = false;
    sent += 1;
    worker.postMessage({ version: sent, name, text: view.state.sliceDoc() });
  };
  const stop = () => {
    stopped = true;
    worker.terminate();
    settleFirst();
  };
  worker.onmessage = ({ data }) => {
    inFlight = false;
    if (stopped) return;
    if (data.error || data.none) {
      stop();
      return;
    }
    if (waiting) {
      post();
      return;
    }
    if (data.version !== sent) return;
    view.dispatch(setDiagnostics(view.state, diagnosticsOf(data.numbers, data.texts, view.state.doc.length)));
    showCounts(name, data.numbers);
    if (!performance.getEntriesByName("dockwright-first-findings").length) performance.mark("dockwright-first-findings");
    settleFirst();
  };
  worker.onerror = stop;
  post();
  return {
    changed() {
      if (stopped) return;
      if (inFlight) waiting = true;
      else post();
    },
    stop,
  };
}

/** The frame's status says what the file's findings count, in the app's words. */
function showCounts(name, numbers) {
  const status = document.getElementById("boot-status");
  if (!status) return;
  let errors = 0;
  let others = 0;
  for (let i = 2; i < numbers.length; i += 4) {
    if (BY_INDEX[numbers[i]] === "error") errors += 1;
    else others += 1;
  }
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (errors + others === 0) {
    status.className = "badge clean";
    status.textContent = `No problems in ${name}`;
  } else {
    status.className = `badge ${errors ? "error" : "warning"}`;
    status.textContent = `${name}: ${[errors && plural(errors, "error"), others && plural(others, "warning")].filter(Boolean).join(", ")}`;
  }
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
    // The page lints from now on; the early findings stay drawn until its
    // own arrive (the page's editor carries them over).
    taken.lint?.stop();
    taken.diagnostics = [];
    forEachDiagnostic(taken.view.state, (diagnostic, from, to) => taken.diagnostics.push({ ...diagnostic, from, to }));
    // Moving an element out of the page blurs it: whoever is typing keeps
    // typing into the same editor.
    const focused = taken.view.hasFocus;
    parent.append(taken.view.dom);
    if (focused) taken.view.focus();
  }
  endBoot();
  return taken;
}
