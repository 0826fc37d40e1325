// The editor view: CodeMirror 6 as a thin view over text the Rust side owns.
// The page's wasm module creates an editor through `window.DockwrightEditor`,
// hears every change, and hands back diagnostics in UTF-16 offsets.

import { EditorState } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle } from "@codemirror/language";
import { dockerFile } from "@codemirror/legacy-modes/mode/dockerfile";
import { setDiagnostics, lintGutter } from "@codemirror/lint";

const SEVERITY = { error: "error", warning: "warning", info: "info", style: "hint" };

function create(parent, doc, onChange) {
  // Each change gets a version; diagnostics computed for an older version
  // are dropped instead of being drawn at shifted positions.
  let version = 0;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
        StreamLanguage.define(dockerFile),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        lintGutter(),
        EditorView.contentAttributes.of({ "aria-label": "Dockerfile editor" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            version += 1;
            onChange(update.state.doc.toString(), version);
          }
        }),
      ],
    }),
  });

  return {
    setDiagnostics(forVersion, list) {
      if (forVersion !== version) return;
      const length = view.state.doc.length;
      const diagnostics = list.map((d) => ({
        from: Math.min(d.from, length),
        to: Math.min(d.to, length),
        severity: SEVERITY[d.severity] ?? "info",
        source: d.code,
        message: d.message,
      }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    select(from, to) {
      const length = view.state.doc.length;
      view.dispatch({
        selection: { anchor: Math.min(from, length), head: Math.min(to, length) },
        scrollIntoView: true,
      });
      view.focus();
    },
  };
}

window.DockwrightEditor = { create };
