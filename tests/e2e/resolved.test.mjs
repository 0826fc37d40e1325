// End to end: what Docker Compose runs — the workspace's .env, the Resolved
// view with jump-to-source, the profile picker.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { start, openPage, artifacts } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const files = (page) => page.getByRole("tablist", { name: "Files" });
const tab = (page, name) => files(page).getByRole("tab", { name, exact: false });
const panel = (page, name) => page.getByRole("tablist", { name: "Panel" }).getByRole("tab", { name });

async function addFile(page, name, text) {
  await page.getByRole("button", { name: "Add a file" }).click();
  const field = page.getByLabel("Add a file", { exact: true }).locator("input");
  await field.fill(name);
  await field.press("Enter");
  await tab(page, name).waitFor();
  await page.locator(".cm-content").click();
  // insertText: typed newlines would be auto-indented by the editor.
  await page.keyboard.insertText(text);
}

test("the .env interpolates compose values, the Resolved view shows the model and jumps to its source", async () => {
  const { context, page, problems } = await openPage(env);
  // A service under `services:` of compose.yaml, in a profile.
  await tab(page, "compose.yaml").click();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.insertText("\n  toolbox:\n    image: \"busybox:${TOOLBOX_TAG}\"\n    profiles: [debug]");
  await addFile(page, ".env", "TOOLBOX_TAG=1.36\nBROKEN LINE=1\n");
  // The .env has its own checks.
  await page.getByRole("region", { name: "Findings in .env" }).getByText(/key cannot contain a space/).waitFor();
  // Compose refuses a broken .env: the Resolved view waits for the fix.
  await panel(page, "Resolved").click();
  await page.getByRole("status").getByText(/Docker Compose would refuse these files/).waitFor();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("TOOLBOX_TAG=1.36\nDB_PASSWORD=secret\n");

  await panel(page, "Resolved").click();
  const view = page.getByRole("region", { name: "Resolved compose model" });
  const model = view.getByLabel("The resolved model");
  await model.getByText(/^name: shop$/).waitFor();
  // The model is worked out off the page's thread: a second worker of the
  // engine runs while the panel is open, and ends when it closes.
  assert.equal(page.workers().length, 2, "the lint worker and the panel's");
  // The service in an inactive profile does not run.
  assert.equal(await model.getByText("busybox:1.36").count(), 0);
  await view.getByRole("checkbox", { name: "debug" }).check();
  const line = model.getByRole("button", { name: /image: busybox:1\.36 — written in compose\.yaml/ });
  await line.waitFor();
  await page.screenshot({ path: join(artifacts, "resolved-view.png") });

  // A click shows the value where it was written.
  await tab(page, ".env").click();
  await line.click();
  assert.equal(await tab(page, "compose.yaml").getAttribute("aria-selected"), "true");
  const selected = await page.evaluate(() => window.getSelection().toString());
  assert.equal(selected, '"busybox:${TOOLBOX_TAG}"');

  // JSON, as docker compose config --format json prints it.
  await panel(page, "Resolved").click();
  await view.getByRole("button", { name: "JSON" }).click();
  await model.getByText(/"name": "shop",/).waitFor();
  await panel(page, "Findings").click();
  for (let i = 0; i < 50 && page.workers().length > 1; i += 1) await page.waitForTimeout(20);
  assert.equal(page.workers().length, 1, "the panel's worker ends with the panel");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a file Docker Compose refuses has no model, and says so", async () => {
  const { context, page, problems } = await openPage(env);
  await tab(page, "compose.yaml").click();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.insertText("\n  worker:\n    image: busybox:1.36\n    scale: -1");
  await panel(page, "Resolved").click();
  await page.getByRole("status").getByText(/Docker Compose would refuse these files \(1 error/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone, the Resolved view fits the width and a line opens the editor at its value; keyboard works", async () => {
  const { context, page, problems } = await openPage(env, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.getByRole("button", { name: /^Findings/ }).tap();
  await panel(page, "Resolved").tap();
  const model = page.getByLabel("The resolved model");
  const image = model.getByRole("button", { name: /image: postgres:16\.4 — written in compose\.yaml, line 15/ });
  await image.waitFor();
  // Without a .env, the example's password is blank, and the view says so.
  await page.getByRole("note").getByText("Not set, so blank (as Docker Compose makes them): DB_PASSWORD. Set them in a .env file.").waitFor();
  await page.screenshot({ path: join(artifacts, "resolved-phone.png") });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false, "the page scrolls sideways");
  await image.tap();
  await page.locator(".editor-pane").waitFor();
  await page.waitForFunction(() => window.getSelection().toString() === "postgres:16.4", null, { timeout: 3000 });
  await context.close();

  // By keyboard: the format switch and a line, with Enter.
  const desktop = await openPage(env);
  await panel(desktop.page, "Resolved").click();
  const json = desktop.page.getByRole("button", { name: "JSON" });
  await json.focus();
  await desktop.page.keyboard.press("Enter");
  assert.equal(await json.getAttribute("aria-pressed"), "true");
  const line = desktop.page.getByLabel("The resolved model").getByRole("button", { name: /"image": "postgres:16\.4"/ });
  await line.focus();
  await desktop.page.keyboard.press("Enter");
  await desktop.page.waitForFunction(() => window.getSelection().toString() === "postgres:16.4", null, { timeout: 3000 });
  assert.deepEqual([...problems, ...desktop.problems], []);
  await desktop.context.close();
});
