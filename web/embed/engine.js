// The page's side of the shared engine worker: one worker for every widget,
// started on first use. A widget's files go in; its findings come back, the
// latest answer only (an older one still on its way is dropped).

let worker = null;
const waiting = new Map();
let seq = 0;

function start(base) {
  const script = new URL("embed-worker.js", base).href;
  // From a blob, so that a docs page on another origin can start it (a
  // worker's script must be same-origin; importScripts need not be).
  const source = `importScripts(${JSON.stringify(script)});`;
  worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  worker.postMessage({ start: { wasm: new URL("embed/engine_bg.wasm", base).href } });
  worker.onmessage = ({ data }) => {
    const pending = waiting.get(data.id);
    if (!pending || pending.seq !== data.seq) return;
    waiting.delete(data.id);
    if (data.error) pending.reject(new Error(data.error));
    else pending.resolve(data.findings);
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    for (const pending of waiting.values()) pending.reject(new Error(event.message || "the engine's worker could not start"));
    waiting.clear();
  };
}

/** The findings of `files` for widget `id`; a later call for the same widget supersedes this one. */
export function lintFiles(base, id, files) {
  if (!worker) start(base);
  seq += 1;
  const current = seq;
  return new Promise((resolve, reject) => {
    const earlier = waiting.get(id);
    if (earlier) earlier.resolve(null);
    waiting.set(id, { seq: current, resolve, reject });
    worker.postMessage({ id, seq: current, files });
  });
}
