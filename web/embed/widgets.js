// Dockwright widgets for documentation pages. Include embed.js (from the
// folder the Dockwright site is served from) and every
//   <pre data-dockwright="dockerfile">…</pre>   or   data-dockwright="compose"
// becomes a small editor with its findings, checked in the reader's browser
// by one engine worker for the whole page (web/embed/engine.js). Add
// data-readonly for a viewer, data-name="Dockerfile.dev" to name the file.
// Each widget links to the full playground with its file. Hosts that need
// the widget isolated in a frame of its own use embed-frame.js instead.

import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { classHighlighter } from "@lezer/highlight";
import { dockerFile } from "@codemirror/legacy-modes/mode/dockerfile";
import { yaml } from "@codemirror/legacy-modes/mode/yaml";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { PREFIX, encode } from "../editor/link.js";
import { lintFiles } from "./engine.js";
import { STYLES } from "./styles.js";

const script = document.currentScript;
const base = new URL(".", script ? script.src : location.href);
const KINDS = {
  dockerfile: { name: "Dockerfile", language: () => StreamLanguage.define(dockerFile) },
  compose: { name: "compose.yaml", language: () => StreamLanguage.define(yaml) },
};
const SEVERITY = { error: "error", warning: "warning", info: "info", style: "hint" };
// Typing pauses this long before the widget is checked again.
const PAUSE_MS = 150;

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

let count = 0;

class Widget {
  constructor(pre) {
    count += 1;
    this.id = count;
    const kind = KINDS[pre.dataset.dockwright] ? pre.dataset.dockwright : "dockerfile";
    this.name = pre.dataset.name || KINDS[kind].name;
    this.readonly = pre.hasAttribute("data-readonly");
    const text = pre.textContent.replace(/^\n/, "").replace(/\r\n/g, "\n");

    this.status = element("span", { class: "dw-status", role: "status" }, "Checking…");
    this.open = element("a", { class: "dw-open", target: "_blank", rel: "noopener" }, "Open in the playground");
    this.list = element("ul", { class: "dw-findings", "aria-label": `Findings in ${this.name}` });
    const host = element("div", { class: "dw-editor" });
    this.root = element(
      "figure",
      { class: "dockwright-widget", "data-state": "checking" },
      element("figcaption", { class: "dw-head" }, element("span", { class: "dw-name" }, this.name), this.status, this.open),
      host,
      this.list,
    );
    this.view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: text,
        extensions: [
          this.readonly ? EditorState.readOnly.of(true) : [],
          lineNumbers(),
          history(),
          drawSelection(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          syntaxHighlighting(classHighlighter),
          KINDS[kind].language(),
          lintGutter(),
          EditorView.contentAttributes.of({
            "aria-label": `${this.name} example${this.readonly ? " (read only)" : ", editable"}`,
            // Focusable by name too, so that the scroller around it (long
            // lines scroll sideways on a phone) can be reached by keyboard.
            tabindex: "0",
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) this.changed();
          }),
        ],
      }),
    });
    pre.replaceWith(this.root);
    this.check();
  }

  changed() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), PAUSE_MS);
  }

  text() {
    return this.view.state.doc.toString();
  }

  async check() {
    const text = this.text();
    this.link(text);
    let findings;
    try {
      findings = await lintFiles(base, this.id, [{ path: this.name, text }]);
    } catch (error) {
      this.root.dataset.state = "failed";
      this.status.textContent = `Not checked: ${error.message}`;
      return;
    }
    // A newer version of the text is on its way.
    if (findings === null || text !== this.text()) return;
    this.show(findings);
  }

  async link(text) {
    const code = await encode(JSON.stringify({ files: [{ name: this.name, text }], active: this.name }));
    this.open.href = new URL(`index.html${PREFIX}${code}`, base).href;
  }

  show(findings) {
    const length = this.view.state.doc.length;
    this.view.dispatch(
      setDiagnostics(
        this.view.state,
        findings.map((f) => ({
          from: Math.min(f.from, length),
          to: Math.min(f.to, length),
          severity: SEVERITY[f.severity] ?? "info",
          source: f.code,
          message: f.message,
        })),
      ),
    );
    const errors = findings.filter((f) => f.severity === "error").length;
    this.status.textContent =
      findings.length === 0
        ? "No findings"
        : `${findings.length} finding${findings.length === 1 ? "" : "s"}${errors ? `, ${errors} error${errors === 1 ? "" : "s"}` : ""}`;
    this.list.replaceChildren(
      ...findings.map((f) => {
        const place = `${f.line}:${f.column}`;
        const go = element("button", { type: "button", class: "dw-line", "aria-label": `${place}, go to line ${f.line}, column ${f.column}` }, place);
        go.addEventListener("click", () => {
          this.view.dispatch({ selection: { anchor: Math.min(f.from, this.view.state.doc.length) }, scrollIntoView: true });
          this.view.focus();
        });
        return element(
          "li",
          { class: `dw-${f.severity}` },
          go,
          " ",
          element("span", { class: "dw-severity" }, f.severity),
          " ",
          element("code", { class: "dw-code" }, f.code),
          " ",
          f.message,
        );
      }),
    );
    this.root.dataset.state = "checked";
    this.root.dispatchEvent(new CustomEvent("dockwright-checked", { bubbles: true, detail: { findings } }));
  }
}

function start() {
  if (!document.getElementById("dockwright-widget-styles")) {
    document.head.append(element("style", { id: "dockwright-widget-styles" }, STYLES));
  }
  for (const pre of document.querySelectorAll("pre[data-dockwright]")) new Widget(pre);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
