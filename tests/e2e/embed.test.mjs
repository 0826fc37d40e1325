// End to end: the sample docs page (web/embed-demo.html) with an ?embed
// iframe and data-dockwright blocks turned into widgets by embed.js.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { start, artifacts } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

test("the sample docs page shows an embedded editor and live, independent widgets", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "allow" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  await page.goto(`${env.site.url}embed-demo.html`);

  // 1. The ?embed iframe: its files, its findings, minimal chrome.
  const embedded = page.frameLocator("#frame-embed");
  await embedded.locator(".cm-content").getByText("pip install -r requirements.txt").waitFor();
  await embedded.getByText(/DL3042|pip install/).first().waitFor();
  assert.equal(await embedded.locator(".topbar").count(), 0);

  // 2. The blocks became frames sized to their content.
  const widgets = page.locator("iframe.dockwright-widget");
  await widgets.nth(1).waitFor();
  assert.equal(await page.locator("pre[data-dockwright]").count(), 0);
  const editable = page.frameLocator("iframe.dockwright-widget >> nth=0");
  await editable.getByText(/unknown instruction|JSON arguments|DL3006|apt-get/).first().waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll("iframe.dockwright-widget")].every((f) => parseInt(f.style.height, 10) > 150));

  // Editing a widget re-lints it.
  await editable.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("FROB x\n");
  await editable.getByText(/unknown instruction: FROB/).waitFor();

  // The read-only compose widget shows its findings and refuses edits.
  const viewer = page.frameLocator("iframe.dockwright-widget >> nth=1");
  await viewer.getByText(/invalid restart policy "sometimes"/).waitFor();
  await viewer.locator(".cm-content").click();
  await page.keyboard.type("zzz");
  assert.doesNotMatch(await viewer.locator(".cm-content").innerText(), /zzz/);

  // Widgets never write the visitor's saved playground work (the page
  // saves when typing pauses: wait past that).
  await page.waitForTimeout(1200);
  const saved = await page.evaluate(() => localStorage.getItem("dockwright.workspace.v1"));
  assert.equal(saved, null);
  await page.screenshot({ path: join(artifacts, "embed-demo.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});
