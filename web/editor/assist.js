// Help while typing, answered by the engine (crates/web/src/assist.rs):
// completion (as you type, and Ctrl+Space), hover docs, F12 to go to the
// definition, Shift+F12 to list the references, F2 to rename (a small field
// opens focused with the old name selected; Enter applies as one undo step,
// Escape cancels). `ask(request, offset, extra)` calls the engine for the
// file shown and returns its answer, in editor offsets.

import { autocompletion } from "@codemirror/autocomplete";
import { EditorView, hoverTooltip, keymap, showPanel, showTooltip } from "@codemirror/view";
import { StateEffect, StateField } from "@codemirror/state";

const TYPES = { keyword: "keyword", directive: "keyword", flag: "property", value: "constant", stage: "class", variable: "variable", rule: "text", property: "property" };

// A small Markdown subset (the engine's hover text): paragraphs, **bold**,
// `code` and [links](https://…), as DOM nodes (no HTML is parsed).
function markdown(text) {
  const box = document.createElement("div");
  box.className = "cm-assist-doc";
  for (const paragraph of text.split(/\n\n+/)) {
    const p = document.createElement("p");
    const pattern = /\*\*([^*]+)\*\*|`([^`]+)`|\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g;
    let at = 0;
    for (const match of paragraph.matchAll(pattern)) {
      p.append(paragraph.slice(at, match.index));
      let node;
      if (match[1] !== undefined) {
        node = document.createElement("strong");
        node.textContent = match[1];
      } else if (match[2] !== undefined) {
        node = document.createElement("code");
        node.textContent = match[2];
      } else {
        node = document.createElement("a");
        node.textContent = match[3];
        node.href = match[4];
        node.target = "_blank";
        node.rel = "noopener";
      }
      p.append(node);
      at = match.index + match[0].length;
    }
    p.append(paragraph.slice(at));
    box.append(p);
  }
  return box;
}

// The rename field: open at a range, with the old name.
const openRename = StateEffect.define();
const closeRename = StateEffect.define();

// The references panel: a list of ranges, or null.
const showReferences = StateEffect.define();

export function assistExtensions(ask) {
  const renameField = StateField.define({
    create: () => null,
    update(value, tr) {
      for (const effect of tr.effects) {
        if (effect.is(openRename)) return effect.value;
        if (effect.is(closeRename)) return null;
      }
      if (value && tr.docChanged) return null;
      return value;
    },
    provide: (field) => showTooltip.from(field, (value) => value && {
      pos: value.from,
      above: false,
      create(view) {
        const dom = document.createElement("div");
        dom.className = "cm-assist-rename";
        const input = document.createElement("input");
        input.value = value.name;
        input.setAttribute("aria-label", `Rename ${value.name} to`);
        const message = document.createElement("span");
        message.className = "cm-assist-rename-error";
        message.setAttribute("role", "alert");
        dom.append(input, message);
        input.addEventListener("keydown", (event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            view.dispatch({ effects: closeRename.of(null) });
            view.focus();
          } else if (event.key === "Enter") {
            event.preventDefault();
            const answer = ask("rename", value.from, input.value);
            if (answer && answer.error) {
              message.textContent = answer.error;
              return;
            }
            const changes = (answer?.edits ?? []).map((e) => ({ from: e.from, to: e.to, insert: e.insert }));
            view.dispatch({ changes, effects: closeRename.of(null), userEvent: "input.rename" });
            view.focus();
          }
        });
        return {
          dom,
          mount() {
            input.focus();
            input.select();
          },
        };
      },
    }),
  });

  const referencesField = StateField.define({
    create: () => null,
    update(value, tr) {
      for (const effect of tr.effects) if (effect.is(showReferences)) return effect.value;
      if (value && tr.docChanged) return null;
      return value;
    },
    provide: (field) => showPanel.from(field, (value) => value && ((view) => {
      const dom = document.createElement("div");
      dom.className = "cm-assist-references";
      dom.setAttribute("role", "region");
      dom.setAttribute("aria-label", "References");
      const title = document.createElement("span");
      title.textContent = `${value.ranges.length} reference${value.ranges.length === 1 ? "" : "s"} to ${value.name}:`;
      dom.append(title);
      for (const range of value.ranges) {
        const line = view.state.doc.lineAt(range.from);
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = `line ${line.number}`;
        button.title = line.text.trim();
        button.addEventListener("click", () => {
          view.dispatch({ selection: { anchor: range.from, head: range.to }, scrollIntoView: true });
          view.focus();
        });
        dom.append(button);
      }
      const close = document.createElement("button");
      close.type = "button";
      close.className = "cm-assist-close";
      close.setAttribute("aria-label", "Close the references");
      close.textContent = "×";
      close.addEventListener("click", () => {
        view.dispatch({ effects: showReferences.of(null) });
        view.focus();
      });
      dom.append(close);
      return { dom, top: false };
    })),
  });

  const complete = (context) => {
    const answer = ask("complete", context.pos, "");
    if (!answer || answer.options.length === 0) return null;
    // Typing a word's first letters asks; an empty word only on request.
    if (!context.explicit && answer.from === answer.to && !/[-=$,{:\s]$/.test(context.state.sliceDoc(context.pos - 1, context.pos))) return null;
    return {
      from: answer.from,
      to: answer.to,
      options: answer.options.map((o) => ({ label: o.label, detail: o.detail, apply: o.apply, type: TYPES[o.kind] ?? "text" })),
      validFor: /^[\w.-]*$/,
    };
  };

  const hover = hoverTooltip((view, pos) => {
    const answer = ask("hover", pos, "");
    if (!answer) return null;
    return { pos: answer.from, end: answer.to, above: true, create: () => ({ dom: markdown(answer.markdown) }) };
  });

  const goToDefinition = (view) => {
    const answer = ask("definition", view.state.selection.main.head, "");
    if (!answer) return false;
    // In another file: the page shows it.
    if (answer.elsewhere) return true;
    view.dispatch({ selection: { anchor: answer.from, head: answer.to }, scrollIntoView: true });
    return true;
  };
  const listReferences = (view) => {
    const head = view.state.selection.main.head;
    const ranges = ask("references", head, "") ?? [];
    if (ranges.length === 0) return false;
    const name = view.state.sliceDoc(ranges[0].from, ranges[0].to);
    view.dispatch({ effects: showReferences.of({ name, ranges }) });
    return true;
  };
  const startRename = (view) => {
    const head = view.state.selection.main.head;
    const ranges = ask("references", head, "") ?? [];
    const here = ranges.find((r) => r.from <= head && head <= r.to);
    if (!here) return false;
    view.dispatch({ effects: openRename.of({ from: here.from, name: view.state.sliceDoc(here.from, here.to) }) });
    return true;
  };

  return [
    autocompletion({ override: [complete], icons: false }),
    hover,
    renameField,
    referencesField,
    keymap.of([
      { key: "F12", run: goToDefinition },
      { key: "Shift-F12", run: listReferences },
      { key: "F2", run: startRename },
    ]),
    EditorView.baseTheme({
      ".cm-assist-doc": { maxWidth: "28rem", padding: "0.2rem 0.6rem", fontSize: "0.85rem" },
      ".cm-assist-doc p": { margin: "0.35rem 0" },
      ".cm-assist-rename": { padding: "0.3rem", display: "flex", flexDirection: "column", gap: "0.2rem" },
      ".cm-assist-rename input": { font: "inherit", padding: "0.15rem 0.3rem" },
      ".cm-assist-references": { display: "flex", flexWrap: "wrap", gap: "0.4rem", alignItems: "center", padding: "0.3rem 0.5rem", fontSize: "0.85rem" },
    }),
  ];
}
