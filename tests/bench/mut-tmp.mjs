import { start } from "../e2e/page.mjs";
const env = await start();
const context = await env.browser.newContext();
const page = await context.newPage();
await page.goto(env.site.url);
await page.locator(".cm-editor").waitFor();
await page.waitForTimeout(1000);
await page.evaluate(() => {
  window.__m = [];
  new MutationObserver((list) => { for (const m of list) { const t = m.target.nodeType === 3 ? m.target.parentElement : m.target; if (t.closest(".cm-editor")) continue; window.__m.push(`${m.type} ${t.tagName}.${t.className} ${m.attributeName ?? ""} ${m.type === "characterData" ? JSON.stringify(m.target.data) : ""}`); } }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
});
await page.locator(".cm-content").click();
await page.keyboard.press("Control+End");
for (let i = 0; i < 10; i += 1) { await page.keyboard.type("x"); await page.waitForTimeout(40); }
await page.waitForTimeout(600);
const m = await page.evaluate(() => window.__m);
const c = new Map(); for (const x of m) c.set(x, (c.get(x) ?? 0) + 1);
console.log([...c].sort((a, b) => b[1] - a[1]).slice(0, 30));
await context.close(); await env.stop();
