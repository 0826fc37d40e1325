// Prints the size of every file of the release build: raw, gzip and brotli.
// `./dev sizes` builds first; compare before and after adding a dependency.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
let total = [0, 0, 0];
console.log(`${"file".padEnd(44)}${"raw".padStart(10)}${"gzip".padStart(10)}${"brotli".padStart(10)}`);
for (const path of files(dist).sort()) {
  const data = readFileSync(path);
  const sizes = [
    data.length,
    gzipSync(data, { level: 9 }).length,
    brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ];
  total = total.map((t, i) => t + sizes[i]);
  console.log(`${relative(dist, path).padEnd(44)}${sizes.map(kb).join("")}`);
}
console.log(`${"total".padEnd(44)}${total.map(kb).join("")}`);
