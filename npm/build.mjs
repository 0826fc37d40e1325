// Builds the npm package @dockwright/engine into target/npm/package with
// wasm-pack: the engine (crates/engine-js) for the web (an ES module that
// loads its wasm itself) and for Node (CommonJS, reads the wasm from disk),
// one package.json whose `exports` pick the right one, the README and the
// TypeScript types. Then packs it (npm pack) and prints the sizes.
//   node npm/build.mjs [--dev]
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const out = join(root, "target/npm");
const pkg = join(out, "package");
const dev = process.argv.includes("--dev");

const cargoToml = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = cargoToml.match(/^\[workspace\.package\][^[]*?^version = "([^"]+)"/ms)[1];

rmSync(pkg, { recursive: true, force: true });
for (const target of ["web", "nodejs"]) {
  const dir = join(pkg, target === "nodejs" ? "node" : "web");
  execFileSync(
    "wasm-pack",
    ["build", dev ? "--dev" : "--release", "--target", target, "--out-dir", dir, "--out-name", "engine", "--no-pack", join(root, "crates/engine-js")],
    { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, WASM_PACK_NO_UPDATE_CHECK: "1" } },
  );
  rmSync(join(dir, ".gitignore"), { force: true });
  if (!dev) {
    // binaryen's wasm-opt from ./dev setup (wasm-pack would download one).
    const wasm = join(dir, "engine_bg.wasm");
    execFileSync("wasm-opt", ["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue", wasm, "-o", wasm], { stdio: "inherit" });
  }
}
// The Node build is CommonJS inside a package of ES modules.
writeFileSync(join(pkg, "node/package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);

for (const file of ["index.js", "index.d.ts", "README.md"]) copyFileSync(join(here, file), join(pkg, file));
const manifest = {
  name: "@dockwright/engine",
  version,
  description: "Lint, fix and format Dockerfiles and Docker Compose files in the browser and in Node: BuildKit's parser and checks, hadolint's, ShellCheck's and dclint's rules, the checks between files, one engine (WebAssembly) with the Dockwright playground and CLI.",
  license: "MIT",
  type: "module",
  keywords: ["dockerfile", "docker-compose", "lint", "hadolint", "buildkit", "formatter", "wasm"],
  exports: {
    ".": {
      types: "./index.d.ts",
      node: { import: "./node/index.mjs", require: "./node/engine.js" },
      default: "./index.js",
    },
    "./package.json": "./package.json",
  },
  main: "./node/engine.js",
  module: "./index.js",
  types: "./index.d.ts",
  files: ["index.js", "index.d.ts", "web/", "node/", "README.md"],
  sideEffects: ["./index.js"],
  engines: { node: ">=18" },
};
writeFileSync(join(pkg, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
// Node's ES module entry: the CommonJS build's functions as named exports.
writeFileSync(
  join(pkg, "node/index.mjs"),
  `import engine from "./engine.js";\nexport const { lint, fix, format, rules, patterns, renderPattern, version } = engine;\n`,
);

const tarball = execFileSync("npm", ["pack", "--silent", "--pack-destination", out], { cwd: pkg, encoding: "utf8" }).trim().split("\n").pop();
const size = (path) => {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes).length, brotli: brotliCompressSync(bytes).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const report = {
  "web/engine_bg.wasm": size(join(pkg, "web/engine_bg.wasm")),
  "web/engine.js": size(join(pkg, "web/engine.js")),
  "node/engine_bg.wasm": size(join(pkg, "node/engine_bg.wasm")),
};
for (const [file, s] of Object.entries(report)) console.log(`${file.padEnd(22)} ${kb(s.raw).padStart(10)} raw ${kb(s.gzip).padStart(10)} gzip ${kb(s.brotli).padStart(10)} brotli`);
console.log(`${tarball}: ${kb(statSync(join(out, tarball)).size)} (npm pack)`);
writeFileSync(join(out, "sizes.json"), `${JSON.stringify({ version, tarball, tarballBytes: statSync(join(out, tarball)).size, files: report }, null, 2)}\n`);
