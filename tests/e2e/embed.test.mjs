// End to end: the sample docs page (web/embed-demo.html) with an ?embed
// iframe and data-dockwright blocks turned into widgets by embed.js (one
// engine worker for the page, no frame); and embed-frame.js, which turns
// the same blocks into frames of the playground for hosts that want them
// isolated.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { AxeBuilder } from "@axe-core/playwright";

import { start, artifacts } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

test("the sample docs page shows an embedded editor and live, independent widgets on one engine", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "allow" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await page.goto(`${env.site.url}embed-demo.html`);

  // 1. The ?embed iframe: its files, its findings, minimal chrome.
  const embedded = page.frameLocator("#frame-embed");
  await embedded.locator(".cm-content").getByText("pip install -r requirements.txt").waitFor();
  await embedded.getByText(/DL3042|pip install/).first().waitFor();
  assert.equal(await embedded.locator(".topbar").count(), 0);

  // 2. The blocks became widgets in the page itself, checked by one worker.
  const widgets = page.locator("figure.dockwright-widget");
  await page.locator('figure.dockwright-widget[data-state="checked"] >> nth=1').waitFor();
  assert.equal(await page.locator("pre[data-dockwright]").count(), 0);
  assert.equal(await page.locator("iframe.dockwright-widget").count(), 0);
  // The playground in the ?embed frame has its own; the widgets share one.
  const widgetWorkers = page.workers().filter((worker) => worker.url().startsWith("blob:"));
  assert.equal(widgetWorkers.length, 1, `one engine worker for every widget: ${page.workers().map((w) => w.url())}`);
  const editable = widgets.nth(0);
  await editable.getByText("DL3006").waitFor();
  assert.match(await editable.locator(".dw-status").innerText(), /^5 findings$/);

  // Editing a widget checks it again; the other keeps its findings.
  await editable.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("FROB x\n");
  await editable.getByText(/unknown instruction: FROB/).waitFor();
  assert.match(await editable.locator(".dw-status").innerText(), /1 error$/);
  assert.match(await widgets.nth(1).locator(".dw-status").innerText(), /^2 findings$/);

  // A finding's place moves the cursor there, by keyboard too.
  const place = editable.locator(".dw-line", { hasText: "2:42" });
  await place.focus();
  await page.keyboard.press("Enter");
  const line = await page.evaluate(() => {
    const selection = getSelection();
    return selection.anchorNode?.parentElement?.closest(".cm-line")?.textContent;
  });
  assert.match(line ?? "", /apt-get install -y curl/);

  // The read-only compose widget shows its findings and refuses edits.
  const viewer = widgets.nth(1);
  await viewer.getByText(/invalid restart policy "sometimes"/).waitFor();
  await viewer.locator(".cm-content").click();
  await page.keyboard.type("zzz");
  assert.doesNotMatch(await viewer.locator(".cm-content").innerText(), /zzz/);

  // Widgets never write the visitor's saved playground work.
  const saved = await page.evaluate(() => localStorage.getItem("dockwright.workspace.v1"));
  assert.equal(saved, null);

  // "Open in the playground" carries the widget's file as it is now.
  const href = await editable.locator(".dw-open").getAttribute("href");
  assert.match(href, /index\.html#v1=/);
  const playground = await context.newPage();
  await playground.goto(href);
  await playground.locator(".app:not(.boot) .cm-content").getByText("FROB x").waitFor();
  await playground.close();

  await page.screenshot({ path: join(artifacts, "embed-demo.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("embed-frame.js turns the same blocks into frames of the playground", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  // A docs page of its own, beside the site (as a host would serve it).
  await page.route(`${env.site.url}framed-docs.html`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>docs</title>
<script src="embed-frame.js" defer></script>
<pre data-dockwright="dockerfile">FROM ubuntu\nFROB x\n</pre>
<pre data-dockwright="compose" data-readonly>services:\n  web:\n    image: nginx:1.27\n    restart: sometimes\n</pre>`,
    }),
  );
  await page.goto(`${env.site.url}framed-docs.html`);
  const frames = page.locator("iframe.dockwright-widget");
  await frames.nth(1).waitFor();
  assert.equal(await page.locator("pre[data-dockwright]").count(), 0);
  await page.frameLocator("iframe.dockwright-widget >> nth=0").getByText(/unknown instruction: FROB/).first().waitFor();
  await page.frameLocator("iframe.dockwright-widget >> nth=1").getByText(/invalid restart policy "sometimes"/).first().waitFor();
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`the widgets have no accessibility violation and fit a phone, ${scheme} theme`, async () => {
    const context = await env.browser.newContext({ colorScheme: scheme, viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${env.site.url}embed-demo.html`);
    await page.locator('figure.dockwright-widget[data-state="checked"] >> nth=1').waitFor();
    const results = await new AxeBuilder({ page }).include("figure.dockwright-widget").analyze();
    const found = results.violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    assert.deepEqual(found, []);
    // No sideways scrolling of the docs page: long lines scroll inside the editor.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await page.locator("figure.dockwright-widget").first().screenshot({ path: join(artifacts, `embed-widget-phone-${scheme}.png`) });
    await context.close();
  });
}
