// Lighthouse 12 on the release build (not a test): mobile defaults,
// Debian's Chromium, the site served with brotli as a static host serves
// it. Prints the performance and accessibility scores and the load
// metrics. Lighthouse is installed on first use into target/lighthouse
// (12.2.3: newer ones want Node 22). Run: ./dev bench-web (builds first).
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { root } from "../e2e/page.mjs";
import { serve } from "../e2e/server.mjs";

const VERSION = "12.2.3";
const home = join(root, "target/lighthouse");
const cli = join(home, "node_modules/lighthouse/cli/index.js");
const installed = () => {
  try {
    return JSON.parse(readFileSync(join(home, "node_modules/lighthouse/package.json"), "utf8")).version === VERSION;
  } catch {
    return false;
  }
};
if (!installed()) {
  console.log(`installing lighthouse ${VERSION} into target/lighthouse`);
  mkdirSync(home, { recursive: true });
  execFileSync("npm", ["install", "--prefix", home, "--no-audit", "--no-fund", "-E", `lighthouse@${VERSION}`], { stdio: "inherit" });
}
const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";
if (!existsSync(chrome)) throw new Error(`no Chromium at ${chrome} (set CHROME_PATH)`);

const site = await serve(join(root, "dist"), { compress: true });
const report = join(home, "report.json");
try {
  // Asynchronously: the site is served from this process.
  await promisify(execFile)(process.execPath, [
    cli, site.url,
    `--chrome-path=${chrome}`,
    "--chrome-flags=--headless=new --no-sandbox",
    "--only-categories=performance,accessibility",
    "--output=json", `--output-path=${report}`, "--quiet",
  ]);
} finally {
  await site.close();
}
const result = JSON.parse(readFileSync(report, "utf8"));
const score = (id) => Math.round(result.categories[id].score * 100);
const metric = (id) => result.audits[id].displayValue;
console.log("== Lighthouse (mobile defaults)");
console.log(`performance ${score("performance")}   accessibility ${score("accessibility")}`);
for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) {
  console.log(`${result.audits[id].title.padEnd(28)} ${metric(id)}`);
}
