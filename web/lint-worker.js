// The engine's worker: the page's own module started off the page's
// thread. The first message names the module's script and hands over the
// page's compiled wasm (see crates/web/src/lint_worker.rs), so nothing is
// fetched or compiled twice; each later one is a version of the files,
// answered with their findings, or a side panel's request (`kind`:
// "resolved", "review"; crates/web/src/panel_worker.rs).
let engine = null;
self.onmessage = async ({ data }) => {
  if (data.start) {
    engine = import(data.start.module).then(async (module) => {
      await module.default({ module_or_path: data.start.wasm });
      return module;
    });
    return;
  }
  let module;
  try {
    module = await engine;
  } catch (error) {
    // No findings in the answer: the page lints by itself from now on.
    self.postMessage({ generation: data.generation, error: String(error) });
    return;
  }
  // The lint worker's requests, or a side panel's (panel_worker.rs).
  const work = { resolved: module.resolve_in_worker, review: module.review_in_worker }[data.kind] ?? module.lint_in_worker;
  const answer = work(data);
  // The answer's bytes are moved to the page, not copied.
  const bytes = answer.findings ?? answer.answer;
  self.postMessage(answer, bytes ? [bytes.buffer] : []);
};
