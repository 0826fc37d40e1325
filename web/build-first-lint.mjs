// Builds the page's first-findings module (crates/first-lint: the
// Dockerfile lint alone) into web/build/first-lint/: the wasm, optimised for
// size in release builds as the page's own is, and its wasm-bindgen glue.
// web/first-lint-worker.js runs it. Run by trunk before each build.
import { execFileSync } from "node:child_process";
import { mkdirSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const release = process.env.TRUNK_PROFILE !== "debug";
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });

run("cargo", [
  "build", "--offline", "--quiet", "-p", "dockwright-first-lint", "--lib",
  "--target", "wasm32-unknown-unknown", ...(release ? ["--release"] : []),
]);
const built = join(root, "target/wasm32-unknown-unknown", release ? "release" : "debug", "dockwright_first_lint.wasm");
const out = join(root, "web/build/first-lint");
mkdirSync(out, { recursive: true });
run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out, "--out-name", "first-lint", built]);
if (release) {
  const wasm = join(out, "first-lint_bg.wasm");
  run("wasm-opt", ["-Oz", wasm, "-o", `${wasm}.opt`]);
  renameSync(`${wasm}.opt`, wasm);
}
