// The editor view: CodeMirror 6 as a thin view over text the Rust side owns.
// The page's wasm module creates one editor through `window.DockwrightEditor`
// and shows one file of the workspace at a time in it; each file keeps its
// own editor state (undo history, selection, scroll) while another is shown.
// Every change is reported as onChange(id, edits, length, version): the
// edits in editor offsets, the new length to check them by; the whole text
// is read with text(id) when the page needs it. Diagnostics come back in
// editor offsets for a given version.

import { EditorState, Compartment } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { classHighlighter } from "@lezer/highlight";
import { dockerFile } from "@codemirror/legacy-modes/mode/dockerfile";
import { yaml } from "@codemirror/legacy-modes/mode/yaml";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import "./share.js";
import "./rules.js";
import { showFirstFile, adopt, endBoot } from "./boot.js";
import { diagnosticsOf, NO_FIX } from "./diagnostics.js";
import { assistExtensions } from "./assist.js";

const ENGINE_ERRORS = new Set(["syntax-error", "build-error", "invalid-schema", "config-error"]);
const LANGUAGES = {
  dockerfile: () => StreamLanguage.define(dockerFile),
  yaml: () => StreamLanguage.define(yaml),
  plain: () => [],
};

// Where the cursor was in each file (by name), kept across reloads.
const CURSORS = "dockwright.cursors.v1";
function savedCursors() {
  try {
    return JSON.parse(localStorage.getItem(CURSORS) ?? "{}");
  } catch {
    return {};
  }
}

// Changes kept inside the document (it may have moved on since they were
// computed; the page re-lints on the next change anyway).
function clampChanges(viewOrState, changes) {
  const length = (viewOrState.state ?? viewOrState).doc.length;
  return Array.from(changes, (c) => ({
    from: Math.min(c.from, length),
    to: Math.min(c.to, length),
    insert: c.insert,
  }));
}

// onRule(code) opens a rule's page (the hover card's "About" action);
// diagnostics of the engine's own errors (no page) get no action.
// A change set as a flat list [from, to, inserted, …]: ranges of the old
// text, in order, each inserted text with the file's own line break. Only
// the edit crosses to the page, not the whole text on every keystroke.
function editsOf(changes, lineBreak) {
  const edits = [];
  changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    edits.push(fromA, toA, inserted.sliceString(0, inserted.length, lineBreak));
  });
  return edits;
}

// What every editor state has, whatever page it is on: line breaks,
// gutters, history, keys, highlighting.
function common(kind, text, readOnly) {
  return [
    // A file written with CRLF keeps CRLF: the text the page holds (and
    // shares) stays byte for byte what was opened.
    text.includes("\r\n") ? EditorState.lineSeparator.of("\r\n") : [],
    readOnly ? [EditorState.readOnly.of(true)] : [],
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    // Tab indents; Escape then Tab leaves the editor (CodeMirror's rule), so
    // keyboard users are never trapped.
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
    // Token classes (tok-keyword, …) coloured by the page's CSS, so that the
    // light and dark themes both read well.
    syntaxHighlighting(classHighlighter),
    lintGutter(),
  ];
}

// A text's length as the editor counts it: CRLF is one line break.
const editorLength = (text) => text.length - (text.match(/\r\n/g)?.length ?? 0);

const languageOf = (kind) => (LANGUAGES[kind] ?? LANGUAGES.plain)();

// The page's first file, drawn now, before the engine arrives (boot.js).
showFirstFile((kind, name, text) => [
  common(kind, text, false),
  languageOf(kind),
  EditorView.contentAttributes.of({ "aria-label": `${name} editor` }),
]);

// The page may move the editor's box in the document (a render that puts
// something before it takes it out and back in), and the browser then
// blurs it: whoever was typing goes on typing. Focus the visitor moves
// (a click, Tab, another window) stays where they moved it.
let pointerAt = -Infinity;
document.addEventListener("pointerdown", () => {
  pointerAt = performance.now();
}, true);
function keepFocus(view) {
  view.contentDOM.addEventListener("focusout", (event) => {
    if (event.relatedTarget !== null || performance.now() - pointerAt < 500) return;
    setTimeout(() => {
      const now = document.activeElement;
      if (document.hasFocus() && (now === null || now === document.body) && view.dom.isConnected) view.focus();
    }, 0);
  });
}

// `assist(request, id, offset, extra)`, when given, answers completion,
// hover, definition, references and rename for file `id` (see assist.js).
function create(parent, onChange, readOnly = false, onRule = null, assist = null) {
  const cursors = readOnly ? {} : savedCursors();
  let saveCursors = null;
  const language = new Compartment();
  const label = new Compartment();
  // id → { state, version, name }
  const files = new Map();
  let current = null;

  const help = assist && !readOnly
    ? assistExtensions((request, offset, extra) => (current === null ? null : assist(request, current, offset, extra)))
    : [];
  const extensions = (kind, name, text) => [
    common(kind, text, readOnly),
    help,
    language.of(languageOf(kind)),
    label.of(EditorView.contentAttributes.of({ "aria-label": `${name} editor` })),
    EditorView.updateListener.of((update) => {
      if (update.docChanged && current !== null) {
        const file = files.get(current);
        file.version += 1;
        onChange(current, editsOf(update.changes, update.state.lineBreak), update.state.doc.length, file.version);
      }
      if (update.selectionSet && current !== null && !readOnly) {
        cursors[files.get(current).name] = update.state.selection.main.head;
        clearTimeout(saveCursors);
        saveCursors = setTimeout(() => localStorage.setItem(CURSORS, JSON.stringify(cursors)), 300);
      }
    }),
  ];

  // The editor drawn before the engine arrived, if any, becomes this one;
  // its first file keeps what was typed into it meanwhile. A read-only
  // widget never shows one.
  let early = null;
  let carried = null;
  if (readOnly) endBoot();
  else early = adopt(parent);
  const view = early?.view ?? new EditorView({ parent, state: EditorState.create({ doc: "" }) });
  keepFocus(view);

  return {
    // Shows file `id`, creating its state from `text` the first time.
    open(id, name, text, kind) {
      if (current !== null && files.has(current)) files.get(current).state = view.state;
      let file = files.get(id);
      if (!file) {
        // The early editor's file, as typed so far, when it is this one.
        const typed = early && early.name === name && early.text === text ? early.view.state : null;
        if (typed) carried = early.diagnostics;
        early = null;
        const doc = typed ? typed.sliceDoc() : text;
        const cursor = typed ? typed.selection.main.head : Math.min(cursors[name] ?? 0, text.length);
        file = {
          state: EditorState.create({ doc, selection: { anchor: Math.min(cursor, doc.length) }, extensions: extensions(kind, name, doc) }),
          version: 0,
          name,
        };
        files.set(id, file);
        if (doc !== text) {
          // Told once the page's call has returned (it is still in the
          // middle of opening the file): the page's text becomes the typed one.
          file.version += 1;
          const version = file.version;
          const length = file.state.doc.length;
          queueMicrotask(() => onChange(id, [0, editorLength(text), doc], length, version));
        }
      }
      current = id;
      // A new state redraws the editor: whoever was typing goes on typing.
      const focused = view.hasFocus;
      view.setState(file.state);
      if (carried) {
        // The early editor's findings, until the page's own arrive.
        view.dispatch(setDiagnostics(view.state, carried));
        carried = null;
      }
      if (focused) view.focus();
      view.dispatch({ effects: EditorView.scrollIntoView(view.state.selection.main) });
    },
    // A renamed file may change language.
    rename(id, name, kind) {
      const file = files.get(id);
      if (!file) return;
      const effects = [
        language.reconfigure((LANGUAGES[kind] ?? LANGUAGES.plain)()),
        label.reconfigure(EditorView.contentAttributes.of({ "aria-label": `${name} editor` })),
      ];
      file.name = name;
      if (id === current) view.dispatch({ effects });
      else file.state = file.state.update({ effects }).state;
    },
    // The whole text of file `id` (its own line breaks), or null.
    text(id) {
      const file = files.get(id);
      if (!file) return null;
      return (id === current ? view.state : file.state).sliceDoc();
    },
    close(id) {
      files.delete(id);
      if (id === current) current = null;
    },
    // Per diagnostic: (from, to, severity, fix index or 2^32-1) in
    // `numbers`, its code and message in `texts` (each ended by a NUL), its
    // quick fix in `fixes` (see set_diagnostics in crates/web/src/editor.rs).
    setDiagnostics(id, forVersion, numbers, texts, fixes) {
      const file = files.get(id);
      if (id !== current || !file || forVersion !== file.version) return;
      const diagnostics = diagnosticsOf(numbers, texts, view.state.doc.length, (code, fixAt) => {
        const fix = fixAt === NO_FIX ? null : fixes[fixAt];
        return [
          ...(fix && !readOnly
            ? [{ name: `Fix: ${fix.title}`, apply: (v) => v.dispatch({ changes: clampChanges(v, fix.changes), userEvent: "input.fix" }) }]
            : []),
          ...(onRule && !ENGINE_ERRORS.has(code)
            ? [{ name: `About ${code}`, apply: () => onRule(code) }]
            : []),
        ];
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    // A quick fix from the findings panel: one undoable edit of file `id`,
    // shown or not. Returns false when the editor does not hold the file.
    applyChanges(id, changes) {
      if (readOnly) return false;
      const file = files.get(id);
      if (!file) return false;
      if (id === current) {
        view.dispatch({ changes: clampChanges(view, changes), userEvent: "input.fix" });
        return true;
      }
      const transaction = file.state.update({ changes: clampChanges(file.state, changes), userEvent: "input.fix" });
      file.state = transaction.state;
      file.version += 1;
      onChange(id, editsOf(transaction.changes, file.state.lineBreak), file.state.doc.length, file.version);
      return true;
    },
    select(from, to) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: { anchor: Math.min(from, length), head: Math.min(to, length) },
        scrollIntoView: true,
      });
      view.focus();
      // On a phone the editor may be shown only by the render this click
      // causes: focus again (and scroll) once it is on screen.
      requestAnimationFrame(() => {
        view.focus();
        view.dispatch({ effects: EditorView.scrollIntoView(view.state.selection.main) });
      });
    },
  };
}

window.DockwrightEditor = { create };
