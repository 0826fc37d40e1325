// Bundles the CodeMirror editor (web/editor/main.js) into web/build/editor.js.
// Run by trunk before each build, so `trunk serve` picks up editor changes.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const release = process.env.TRUNK_PROFILE !== "debug";

await build({
  entryPoints: [join(root, "web/editor/main.js")],
  outfile: join(root, "web/build/editor.js"),
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: release,
  sourcemap: release ? false : "inline",
  legalComments: "none",
  // The example the page draws before its engine arrives (boot.js).
  loader: { ".Dockerfile": "text" },
  logLevel: "warning",
});
