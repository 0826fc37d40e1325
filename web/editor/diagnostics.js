// Findings as CodeMirror draws them, from the layout both engines send
// (crates/web/src/editor.rs for the page, crates/first-lint for the first
// findings): per finding (from, to, severity index, fix index or 2^32-1) in
// `numbers`, its code and message in `texts`, each ended by a NUL.

const SEVERITY = { error: "error", warning: "warning", info: "info", style: "hint" };
// The engine's severities by the index they are sent as.
export const BY_INDEX = ["error", "warning", "info", "style"];
export const NO_FIX = 0xffffffff;

/**
 * The diagnostics for a document of `length` positions; `actions(code,
 * fixIndex)` gives each one's actions.
 */
export function diagnosticsOf(numbers, texts, length, actions = () => []) {
  const words = texts.split("\0");
  const diagnostics = [];
  for (let i = 0; i * 4 < numbers.length; i += 1) {
    const [from, to, severity, fixAt] = numbers.subarray(i * 4, i * 4 + 4);
    const code = words[2 * i];
    diagnostics.push({
      from: Math.min(from, length),
      to: Math.min(to, length),
      severity: SEVERITY[BY_INDEX[severity]] ?? "info",
      source: code,
      message: words[2 * i + 1],
      actions: actions(code, fixAt),
    });
  }
  return diagnostics;
}
