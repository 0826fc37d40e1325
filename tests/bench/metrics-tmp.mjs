import { start, root } from "../e2e/page.mjs";
import { serve } from "../e2e/server.mjs";
import { copyFileSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const env = await start();
const baselineDir = mkdtempSync(join(tmpdir(), "dockwright-baseline-"));
copyFileSync(join(root, "dist/editor.js"), join(baselineDir, "editor.js"));
writeFileSync(join(baselineDir, "index.html"), `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><script src="editor.js"></script></head><body><div id="host" style="height:90vh"></div>
<script>const editor = DockwrightEditor.create(document.getElementById("host"), () => {}, false, null); window.openFile = (name, text, kind) => editor.open(1, name, text, kind);</script></body></html>`);
const base = await serve(baselineDir);
const EXAMPLE = readFileSync(join(root, "crates/web/src/workspace.rs"), "utf8").match(/EXAMPLE_DOCKERFILE: &str = r#"([\s\S]*?)"#;/)[1];
async function run(url, open) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  if (open) await page.evaluate((t) => window.openFile("Dockerfile", t, "dockerfile"), EXAMPLE);
  await page.locator(".cm-editor").waitFor();
  await page.waitForTimeout(1500);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.waitForTimeout(300);
  const m = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((x) => [x.name, x.value]));
  const a = await m();
  for (let i = 0; i < 60; i += 1) { await page.keyboard.type(i % 20 === 19 ? "\n" : "x"); await page.waitForTimeout(40); }
  await page.waitForTimeout(600);
  const b = await m();
  const out = {};
  for (const k of ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "LayoutCount", "RecalcStyleCount", "Nodes"]) out[k] = k.endsWith("Count") || k === "Nodes" ? b[k] - (k === "Nodes" ? 0 : a[k]) : ((b[k] - a[k]) * 1000 / 60).toFixed(2);
  await context.close();
  return out;
}
console.log("page    ", JSON.stringify(await run(env.site.url, false)));
console.log("baseline", JSON.stringify(await run(base.url, true)));
await base.close(); await env.stop();
