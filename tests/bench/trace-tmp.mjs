import { start, root } from "../e2e/page.mjs";
import { serve } from "../e2e/server.mjs";
import { copyFileSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
const env = await start();
const baselineDir = mkdtempSync(join(tmpdir(), "dockwright-baseline-"));
copyFileSync(join(root, "dist/editor.js"), join(baselineDir, "editor.js"));
writeFileSync(join(baselineDir, "index.html"), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><script src="editor.js"></script></head><body><div id="host" style="height:90vh"></div>
<script>const editor = DockwrightEditor.create(document.getElementById("host"), () => {}, false, null); window.openFile = (name, text, kind) => editor.open(1, name, text, kind);</script></body></html>`);
const base = await serve(baselineDir);
const typical = readFileSync("crates/core/benches/typical.Dockerfile", "utf8");
let text = ""; for (let i = 0; text.split("\n").length < 5000; i += 1) text += typical.replace("AS build", `AS build${i}`).replace("AS runtime", `AS runtime${i}`);
if (process.argv[2] === "mb") { text = ""; for (let i = 0; text.length < 1e6; i += 1) text += typical.replace("AS build", `AS build${i}`).replace("AS runtime", `AS runtime${i}`); }
const delay = process.argv[2] === "mb" ? 120 : 40;
if (process.argv[2] === "example") text = readFileSync(join(root, "crates/web/src/workspace.rs"), "utf8").match(/EXAMPLE_DOCKERFILE: &str = r#"([\s\S]*?)"#;/)[1];
const code = deflateRawSync(Buffer.from(JSON.stringify({ files: [{ name: "Dockerfile", text }], active: "Dockerfile" }))).toString("base64url");
async function run(url, open) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  if (open) await page.evaluate((t) => window.openFile("Dockerfile", t, "dockerfile"), text);
  await page.locator(".cm-editor").waitFor();
  if (process.env.CSS && !open) await page.addStyleTag({ content: process.env.CSS });
  await page.waitForTimeout(1500);
  const cdp = await context.newCDPSession(page);
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.waitForTimeout(300);
  const events = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...value));
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,v8,disabled-by-default-devtools.timeline", transferMode: "ReportEvents" });
  for (let i = 0; i < 60; i += 1) { await page.keyboard.type(i % 20 === 19 ? "\n" : "x"); await page.waitForTimeout(delay); }
  await page.waitForTimeout(600);
  await cdp.send("Tracing.end");
  await done;
  // main thread: the renderer's CrRendererMain
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && events.some((x) => x.pid === e.pid && x.name === "RunTask"));
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X");
  const paints = new Map(); const counts = new Map();
  for (const e of mine.filter((e) => e.name === "Paint")) { const d = e.args?.data ?? {}; const k = `${d.nodeId} ${JSON.stringify(d.clip?.map(Math.round))}`; paints.set(k, (paints.get(k) ?? 0) + e.dur / 1000); counts.set(k, (counts.get(k) ?? 0) + 1); }
  if (process.env.VERBOSE) console.log("paint counts", [...counts].slice(0, 6));
  if (process.env.VERBOSE) console.log([...paints].sort((x, y) => y[1] - x[1]).slice(0, 8));
  globalThis.__nodes = globalThis.__nodes ?? [];
  const sum = new Map();
  for (const e of mine) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
  const ids = [...paints.keys()].slice(0, 8).map((k) => Number(k.split(" ")[0]));
  await cdp.send("DOM.getDocument", { depth: -1 });
  if (process.env.VERBOSE) for (const id of ids) { try { const { node } = await cdp.send("DOM.describeNode", { backendNodeId: id }); console.log(id, node.nodeName, JSON.stringify(node.attributes)); } catch (e) { console.log(id, String(e).slice(0, 60)); } }
  await context.close();
  return sum;
}
const a = await run(`${env.site.url}#v1=${code}`, false);
const b = await run(base.url, true);
const names = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => (a.get(y) ?? 0) - (a.get(x) ?? 0));
for (const n of names.slice(0, 30)) console.log(`${n.padEnd(40)} page ${((a.get(n) ?? 0) / 60).toFixed(2).padStart(7)}  base ${((b.get(n) ?? 0) / 60).toFixed(2).padStart(7)} ms/key`);
await base.close(); await env.stop();
