// The docs widgets' one engine: a worker shared by every widget of the page
// (web/embed/widgets.js), running the engine of the npm package
// (crates/engine-js). The first message names the wasm's URL; each later one
// is a widget's files, `{ id, seq, files: [{ path, text }] }`, answered with
// `{ id, seq, findings }` (or `error`). Bundled with the wasm-bindgen glue as
// a classic script by web/build-embed.mjs, so that a docs page on another
// origin can start it from a blob.
import init, { lint } from "../build/embed-glue/engine.js";

let ready = null;

self.onmessage = async ({ data }) => {
  if (data.start) {
    ready = init({ module_or_path: data.start.wasm });
    return;
  }
  try {
    await ready;
  } catch (error) {
    self.postMessage({ id: data.id, seq: data.seq, error: `the engine could not start (${error})` });
    return;
  }
  try {
    self.postMessage({ id: data.id, seq: data.seq, findings: lint(data.files) });
  } catch (error) {
    self.postMessage({ id: data.id, seq: data.seq, error: String(error) });
  }
};
