// The widgets' own styles, scoped to .dockwright-widget so that they neither
// take nor give to the docs page's; light and dark by the reader's setting.
export const STYLES = `
.dockwright-widget {
  --dw-bg: #ffffff; --dw-fg: #0f172a; --dw-muted: #475569; --dw-border: #d0d7e2; --dw-head: #f6f8fb;
  --dw-accent: #1a6ea6; --dw-error: #b71c1c; --dw-warning: #8a5300; --dw-info: #1a5fa6; --dw-style: #4b5563;
  --dw-keyword: #7a2d9c; --dw-string: #a31515; --dw-comment: #57606a; --dw-number: #116644; --dw-atom: #b35900;
  margin: 1rem 0; border: 1px solid var(--dw-border); border-radius: 8px; overflow: hidden;
  background: var(--dw-bg); color: var(--dw-fg); font: 14px/1.45 system-ui, sans-serif; text-align: left;
}
@media (prefers-color-scheme: dark) {
  .dockwright-widget {
    --dw-bg: #0d1117; --dw-fg: #e6edf3; --dw-muted: #9aa7b4; --dw-border: #30363d; --dw-head: #161b22;
    --dw-accent: #4ea8e6; --dw-error: #ff7b72; --dw-warning: #e3b341; --dw-info: #79c0ff; --dw-style: #b1bac4;
    --dw-keyword: #ff7ab2; --dw-string: #a5d6ff; --dw-comment: #8b949e; --dw-number: #79c0ff; --dw-atom: #ffa657;
  }
}
.dockwright-widget .dw-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline;
  padding: 0.35rem 0.75rem; background: var(--dw-head); border-bottom: 1px solid var(--dw-border); margin: 0; }
.dockwright-widget .dw-name { font: 600 13px ui-monospace, SFMono-Regular, Menlo, monospace; }
.dockwright-widget .dw-status { color: var(--dw-muted); }
.dockwright-widget[data-state="failed"] .dw-status { color: var(--dw-error); }
.dockwright-widget .dw-open { margin-left: auto; color: var(--dw-accent); }
.dockwright-widget .cm-editor { font-size: 13px; max-height: 32rem; }
.dockwright-widget .cm-editor.cm-focused { outline: 2px solid var(--dw-accent); outline-offset: -2px; }
.dockwright-widget .cm-scroller { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.dockwright-widget .cm-gutters { background: var(--dw-head); color: var(--dw-muted); border-right: 1px solid var(--dw-border); }
.dockwright-widget .cm-content { caret-color: var(--dw-fg); }
.dockwright-widget .cm-cursor { border-left-color: var(--dw-fg); }
.dockwright-widget .cm-tooltip { background: var(--dw-bg); color: var(--dw-fg); border: 1px solid var(--dw-border); }
.dockwright-widget .tok-keyword { color: var(--dw-keyword); }
.dockwright-widget .tok-string, .dockwright-widget .tok-string2 { color: var(--dw-string); }
.dockwright-widget .tok-comment { color: var(--dw-comment); font-style: italic; }
.dockwright-widget .tok-number { color: var(--dw-number); }
.dockwright-widget .tok-atom, .dockwright-widget .tok-variableName { color: var(--dw-atom); }
.dockwright-widget .dw-findings { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--dw-border); }
.dockwright-widget .dw-findings:empty { display: none; }
.dockwright-widget .dw-findings li { padding: 0.2rem 0.75rem; border-left: 3px solid var(--dw-style); }
.dockwright-widget .dw-findings li + li { border-top: 1px solid var(--dw-border); }
.dockwright-widget .dw-error { border-left-color: var(--dw-error) !important; }
.dockwright-widget .dw-warning { border-left-color: var(--dw-warning) !important; }
.dockwright-widget .dw-info { border-left-color: var(--dw-info) !important; }
.dockwright-widget .dw-error .dw-severity { color: var(--dw-error); }
.dockwright-widget .dw-warning .dw-severity { color: var(--dw-warning); }
.dockwright-widget .dw-info .dw-severity { color: var(--dw-info); }
.dockwright-widget .dw-style .dw-severity { color: var(--dw-style); }
.dockwright-widget .dw-severity { font-weight: 600; }
.dockwright-widget .dw-line { font: inherit; font-family: ui-monospace, monospace; color: var(--dw-accent); background: none;
  border: 0; padding: 0; cursor: pointer; text-decoration: underline; }
.dockwright-widget .dw-line:focus-visible, .dockwright-widget .dw-open:focus-visible { outline: 2px solid var(--dw-accent); outline-offset: 2px; }
.dockwright-widget .dw-code { font-size: 12px; }
`;
