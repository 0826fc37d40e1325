// The page's first findings, off the page's thread: the Dockerfile lint
// alone (crates/first-lint), started by web/editor/boot.js while the page's
// own engine is still on its way. Each message is a version of the early
// editor's file, `{ version, name, text }`; the answer carries the same
// version and the findings as the editor draws them (or `none` when this
// module does not lint such a file, `error` when it could not start).
// Bundled with the module's wasm-bindgen glue by web/build-first-lint.mjs.
import init, { first_findings } from "./build/first-lint-glue/first-lint.js";

const ready = init({ module_or_path: new URL("./first-lint/first-lint_bg.wasm", import.meta.url) });

self.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch (error) {
    self.postMessage({ version: data.version, error: String(error) });
    return;
  }
  const findings = first_findings(data.name, data.text);
  if (!findings) {
    self.postMessage({ version: data.version, none: true });
    return;
  }
  const numbers = findings.numbers;
  const texts = findings.texts;
  findings.free();
  self.postMessage({ version: data.version, numbers, texts }, [numbers.buffer]);
};
