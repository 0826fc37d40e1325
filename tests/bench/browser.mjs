// The browser benchmark (not a test): the release build in Debian's
// Chromium, measured as a person uses it. Prints
//  - the lint time per keystroke (p50, p95) on the example project and on a
//    5,000-line Dockerfile, read from the page's own User Timing measures
//    ("dockwright-lint": the whole workspace linted after each change);
//  - the time from navigation to the first findings on screen;
//  - every asset's size, raw and brotli, and what the first load needs.
// Run: ./dev bench-web (builds first). Budgets: ≤ 1 ms per keystroke on
// typical files, ≤ 16 ms on the big one, ≤ 250 KB brotli for the first load.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, deflateRawSync } from "node:zlib";

import { start, root } from "../e2e/page.mjs";

const KEYSTROKES = 200;
const env = await start();
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

// A fixed workload timed in the same page (sorting 100,000 numbers, median
// of 15): the machines are noisy, so each lint figure is also given as a
// multiple of this baseline, which moves with the machine's speed.
const baseline = (page) =>
  page.evaluate(() => {
    const times = [];
    for (let run = 0; run < 15; run += 1) {
      let seed = 1;
      const numbers = new Float64Array(100000);
      for (let i = 0; i < numbers.length; i += 1) {
        seed = (seed * 16807) % 2147483647;
        numbers[i] = seed;
      }
      const start = performance.now();
      numbers.sort();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[7];
  });

async function keystrokes(url, label, count = KEYSTROKES, delay = 0) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.locator(".cm-editor").waitFor();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  const reference = await baseline(page);
  await page.evaluate(() => performance.clearMeasures("dockwright-lint"));
  // A pause between keys (as a person types) keeps each keystroke its own
  // lint rather than several batched into one render.
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.type(i % 20 === 19 ? "\n" : "x");
    if (delay) await page.waitForTimeout(delay);
  }
  await page.waitForTimeout(200);
  const times = await page.evaluate(() => performance.getEntriesByName("dockwright-lint").map((m) => m.duration));
  await context.close();
  const p50 = percentile(times, 50);
  console.log(`${label.padEnd(44)} p50 ${p50.toFixed(2)} ms   p95 ${percentile(times, 95).toFixed(2)} ms   (${times.length} keystrokes; p50 = ${(p50 / reference).toFixed(2)}× the baseline of ${reference.toFixed(2)} ms)`);
}

async function firstFindings() {
  const runs = [];
  for (let i = 0; i < 5; i += 1) {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.goto(env.site.url);
    await page.locator("[data-testid=status]").waitFor();
    runs.push(await page.evaluate(() => {
      const lint = performance.getEntriesByName("dockwright-lint")[0];
      return lint.startTime + lint.duration;
    }));
    await context.close();
  }
  console.log(`${"navigation → first findings (cold, 5 runs)".padEnd(44)} p50 ${percentile(runs, 50).toFixed(0)} ms   max ${Math.max(...runs).toFixed(0)} ms`);
}

function bigDockerfile() {
  const typical = readFileSync(join(root, "crates/core/benches/typical.Dockerfile"), "utf8");
  let text = "";
  for (let i = 0; text.split("\n").length < 5000; i += 1) {
    text += typical.replace("AS build", `AS build${i}`).replace("AS runtime", `AS runtime${i}`);
  }
  return text;
}

console.log("== per-keystroke lint time (whole workspace)");
await keystrokes(env.site.url, "example project (4 files), Dockerfile", KEYSTROKES, 20);
const big = bigDockerfile();
const state = { files: [{ name: "Dockerfile", text: big }], active: "Dockerfile" };
const code = deflateRawSync(Buffer.from(JSON.stringify(state))).toString("base64url");
await keystrokes(`${env.site.url}#v1=${code}`, `${big.split("\n").length}-line Dockerfile`, 60, 120);
console.log("== load");
await firstFindings();

console.log("== assets (raw / brotli)");
const dist = join(root, "dist");
const files = (dir) => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
let first = [0, 0];
// What the first load fetches: the page, its scripts, styles and wasm. Icons,
// rule docs and the manifest come later or on demand.
const later = (path) => path.startsWith("icons/") || ["rules.json", "manifest.webmanifest", "sw.js", "embed.js", "embed-demo.html"].includes(path);
for (const path of files(dist).sort()) {
  const data = readFileSync(path);
  const brotli = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const name = relative(dist, path);
  if (!later(name)) first = [first[0] + data.length, first[1] + brotli];
  console.log(`${name.padEnd(44)}${(data.length / 1024).toFixed(1).padStart(8)} KB ${(brotli / 1024).toFixed(1).padStart(8)} KB${later(name) ? "  (not in the first load)" : ""}`);
}
console.log(`${"first load".padEnd(44)}${(first[0] / 1024).toFixed(1).padStart(8)} KB ${(first[1] / 1024).toFixed(1).padStart(8)} KB`);
await env.stop();
