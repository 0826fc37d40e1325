// End to end: the release build in Debian's Chromium, used as a person would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { start, openPage as open, typeAtEnd, artifacts, APP_EDITOR } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});
const openPage = () => open(env);

test("typing a broken line shows a squiggle, a gutter marker and the message", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();

  await typeAtEnd(page, "COPY app.py");
  // Each keystroke is linted: wait for the finding on the whole line, not a half-typed one.
  await page.locator(".finding", { hasText: /COPY requires at least two arguments/ }).waitFor();
  const squiggle = page.locator(".cm-lintRange-error").first();
  await squiggle.waitFor();
  await page.locator(".cm-lint-marker-error").first().waitFor();

  await squiggle.hover();
  const tooltip = page.locator(".cm-tooltip-lint");
  await tooltip.waitFor();
  assert.match(await tooltip.innerText(), /COPY requires at least two arguments/);

  const finding = page.locator(".finding").first();
  assert.match(await finding.innerText(), /Line 16, column 1/);
  assert.match(await page.getByTestId("status").innerText(), /1 error/);

  // Fixing the line clears the finding.
  await page.keyboard.type(" /app/");
  await page.getByText("No problems", { exact: true }).waitFor();
  await page.screenshot({ path: join(artifacts, "playground.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

test("clicking a finding moves the cursor to it", async () => {
  const { context, page } = await openPage();
  await typeAtEnd(page, "\nFROB x");
  await page.locator(".finding", { hasText: /unknown instruction: FROB/ }).click();
  const selected = await page.evaluate(() => window.getSelection().toString());
  assert.equal(selected, "FROB");
  await context.close();
});

test("works offline after the first visit and never leaves 127.0.0.1", async () => {
  const { context, page, requests, problems } = await openPage();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await page.locator(APP_EDITOR).waitFor();
  await typeAtEnd(page, "RUN --network=nowhere true");
  await page.locator(".finding", { hasText: /invalid network mode "nowhere"/ }).waitFor();
  await page.locator(".cm-lintRange-error").first().waitFor();

  const offsite = requests.filter((url) => {
    const { protocol, hostname } = new URL(url);
    return !(protocol === "data:" || protocol === "blob:" || hostname === "127.0.0.1");
  });
  assert.deepEqual(offsite, [], "requests left the machine");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a quick fix from the findings panel or the hover card edits the file, and undo takes it back", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  await typeAtEnd(page, "ENV LOG_LEVEL info");
  const row = page.locator(".finding-row", { hasText: "LegacyKeyValueFormat" });
  await row.getByRole("button", { name: "Fix: Write `KEY=value`" }).click();
  await page.getByText("No problems", { exact: true }).waitFor();
  const content = page.locator(".cm-content");
  assert.match(await content.innerText(), /ENV LOG_LEVEL=info/);

  // The fix is one edit of its own: undo restores the line.
  await content.focus();
  await page.keyboard.press("Control+z");
  await row.waitFor();
  assert.match(await content.innerText(), /ENV LOG_LEVEL info/);

  // The hover card offers the same fix beside the rule's page.
  await page.locator(".cm-lintRange-warning").last().hover();
  const action = page.locator(".cm-tooltip-lint button", { hasText: "Fix: Write `KEY=value`" });
  await action.click();
  await page.getByText("No problems", { exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
