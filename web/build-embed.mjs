// Builds the docs widgets: the engine of the npm package (crates/engine-js)
// as wasm into web/build/embed/, optimised for size in release builds; its
// worker (web/embed/worker.js with the wasm-bindgen glue) into
// web/build/embed-worker.js; and the script docs pages include
// (web/embed/widgets.js with CodeMirror) into web/build/embed.js. Both
// scripts are classic: a docs page includes one with <script src>, and
// starts the other from a blob, whatever its origin. Run by trunk before
// each build.
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const release = process.env.TRUNK_PROFILE !== "debug";
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

run("cargo", [
  "build", "--offline", "--quiet", "-p", "dockwright-engine", "--lib",
  "--target", "wasm32-unknown-unknown", ...(release ? ["--release"] : []),
]);
const built = join(root, "target/wasm32-unknown-unknown", release ? "release" : "debug", "dockwright_engine.wasm");
const glue = join(root, "web/build/embed-glue");
run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", glue, "--out-name", "engine", built]);
const wasm = join(root, "web/build/embed/engine_bg.wasm");
// Only the wasm in the copied folder, whatever an earlier build left there.
rmSync(dirname(wasm), { recursive: true, force: true });
mkdirSync(dirname(wasm), { recursive: true });
if (release) run("wasm-opt", ["-Oz", join(glue, "engine_bg.wasm"), "-o", wasm]);
else renameSync(join(glue, "engine_bg.wasm"), wasm);

const common = {
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: release,
  legalComments: "none",
  logLevel: "warning",
  // The glue's default wasm location is never used: the page names it.
  define: { "import.meta.url": "undefined" },
};
await build({ ...common, entryPoints: [join(root, "web/embed/worker.js")], outfile: join(root, "web/build/embed-worker.js") });
await build({ ...common, entryPoints: [join(root, "web/embed/widgets.js")], outfile: join(root, "web/build/embed.js") });
