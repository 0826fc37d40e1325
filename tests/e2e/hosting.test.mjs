// End to end: the built site from a sub-folder of a static host, offline
// from the second visit, and the "new version — reload" prompt.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";
import { root, typeAtEnd, APP_EDITOR } from "./page.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("the site works unchanged under /tools/dockwright/, offline too", async () => {
  const site = await serve(join(root, "dist"), { prefix: "/tools/dockwright/" });
  const context = await browser.newContext({ serviceWorkers: "allow" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  const missing = [];
  page.on("response", (response) => {
    if (response.status() >= 400) missing.push(response.url());
  });
  await page.goto(site.url);
  await page.locator(APP_EDITOR).waitFor();
  await page.getByText("No problems", { exact: true }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
  assert.ok(scope.endsWith("/tools/dockwright/"), scope);

  await context.setOffline(true);
  await page.reload();
  await page.locator(APP_EDITOR).waitFor();
  await typeAtEnd(page, "FROB x\n");
  await page.getByText(/unknown instruction: FROB/).first().waitFor();
  // Rule pages come from the cache as well.
  await page.getByRole("tab", { name: "Rules" }).click();
  await page.locator(".rule-list button").first().waitFor();
  assert.deepEqual(missing, []);
  assert.deepEqual(problems, []);
  await context.close();
  await site.close();
});

test("a new build is offered with a reload prompt, and Reload switches to it", async () => {
  const copy = mkdtempSync(join(tmpdir(), "dockwright-site-"));
  cpSync(join(root, "dist"), copy, { recursive: true });
  const site = await serve(copy);
  const context = await browser.newContext({ serviceWorkers: "allow" });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator(APP_EDITOR).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const first = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);

  // Publish a "new version": a different service worker (new cache name).
  const worker = join(copy, "sw.js");
  writeFileSync(worker, readFileSync(worker, "utf8").replace(/dockwright-[0-9a-f]{16}/, "dockwright-0000000000000001"));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  const prompt = page.getByRole("status").filter({ hasText: "A new version of Dockwright is ready." });
  await prompt.waitFor();
  const reloaded = page.waitForEvent("load");
  await prompt.getByRole("button", { name: "Reload" }).click();
  await reloaded;
  await page.locator(APP_EDITOR).waitFor();
  const cache = await page.evaluate(() => caches.keys());
  assert.deepEqual(cache, ["dockwright-0000000000000001"]);
  assert.equal(await page.getByText("A new version of Dockwright is ready.").count(), 0);
  assert.ok(first.endsWith("sw.js"));
  await context.close();
  await site.close();
  rmSync(copy, { recursive: true, force: true });
});
