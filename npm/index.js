// @dockwright/engine for browsers and bundlers: the wasm is fetched next to
// this module and started before the first import resolves, so every
// function is ready to call.
import init, * as engine from "./web/engine.js";

await init({ module_or_path: new URL("./web/engine_bg.wasm", import.meta.url) });

export const { lint, fix, format, rules, patterns, renderPattern, version } = engine;
