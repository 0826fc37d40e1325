// Builds the page's first-findings module (crates/first-lint: the
// Dockerfile lint alone): its wasm into web/build/first-lint/, optimised for
// size in release builds as the page's own is, and its worker
// (web/first-lint-worker.js bundled with the wasm-bindgen glue, so that the
// worker costs one request, not two in a row) into
// web/build/first-lint-worker.js. Run by trunk before each build.
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const release = process.env.TRUNK_PROFILE !== "debug";
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

run("cargo", [
  "build", "--offline", "--quiet", "-p", "dockwright-first-lint", "--lib",
  "--target", "wasm32-unknown-unknown", ...(release ? ["--release"] : []),
]);
const built = join(root, "target/wasm32-unknown-unknown", release ? "release" : "debug", "dockwright_first_lint.wasm");
const glue = join(root, "web/build/first-lint-glue");
run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", glue, "--out-name", "first-lint", built]);
const wasm = join(root, "web/build/first-lint/first-lint_bg.wasm");
// Only the wasm in the copied folder, whatever an earlier build left there.
rmSync(dirname(wasm), { recursive: true, force: true });
mkdirSync(dirname(wasm), { recursive: true });
if (release) run("wasm-opt", ["-Oz", join(glue, "first-lint_bg.wasm"), "-o", wasm]);
else renameSync(join(glue, "first-lint_bg.wasm"), wasm);

await build({
  entryPoints: [join(root, "web/first-lint-worker.js")],
  outfile: join(root, "web/build/first-lint-worker.js"),
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: release,
  legalComments: "none",
  logLevel: "warning",
});
