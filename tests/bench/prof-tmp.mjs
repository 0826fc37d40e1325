import { start } from "../e2e/page.mjs";
import { deflateRawSync } from "node:zlib";
import { readFileSync } from "node:fs";
const env = await start();
const context = await env.browser.newContext();
const page = await context.newPage();
const which = process.argv[2] ?? "example";
let url = env.site.url;
if (which === "big" || which === "mb") {
  const typical = readFileSync("crates/core/benches/typical.Dockerfile", "utf8");
  let text = ""; for (let i = 0; which === "mb" ? text.length < 1e6 : text.split("\n").length < 5000; i += 1) text += typical.replace("AS build", `AS build${i}`).replace("AS runtime", `AS runtime${i}`);
  const code = deflateRawSync(Buffer.from(JSON.stringify({ files: [{ name: "Dockerfile", text }], active: "Dockerfile" }))).toString("base64url");
  url += `#v1=${code}`;
}
await page.goto(url);
await page.locator(".cm-editor").waitFor();
await page.waitForTimeout(1500);
const cdp = await context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
await page.locator(".cm-content").click();
await page.keyboard.press("Control+End");
await cdp.send("Profiler.start");
const delay = which === "mb" ? 120 : 40;
for (let i = 0; i < 60; i += 1) { await page.keyboard.type(i % 20 === 19 ? "\n" : "x"); await page.waitForTimeout(delay); }
await page.waitForTimeout(600);
const { profile } = await cdp.send("Profiler.stop");
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas; 
profile.samples.forEach((id, i) => { const n = byId.get(id); const f = n.callFrame; const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}`; self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000); });
const byUrl = new Map();
for (const [k, v] of self) { const u = k.split(" ").pop() || "(native)"; byUrl.set(u, (byUrl.get(u) ?? 0) + v); }
console.log([...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join("\n"));
console.log("---");
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`).join("\n"));
await context.close(); await env.stop();
