// End to end: the workspace of several files, as a person uses it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { start, openPage, typeAtEnd, artifacts, APP_EDITOR } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const files = (page) => page.getByRole("tablist", { name: "Files" });
const tab = (page, name) => files(page).getByRole("tab", { name, exact: false });

test("the example project has four files and no findings", async () => {
  const { context, page, problems } = await openPage(env);
  const names = await files(page).getByRole("tab").allInnerTexts();
  assert.deepEqual(names, ["Dockerfile", "compose.yaml", "compose.override.yaml", ".dockerignore"]);
  await page.getByText("No problems", { exact: true }).waitFor();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.match(policy, /connect-src 'self'/);
  assert.deepEqual(problems, [], "no console error, no CSP violation");
  await context.close();
});

test("a compose error shows in its file's group, and a click opens that file at the span", async () => {
  const { context, page, problems } = await openPage(env);
  await tab(page, "compose.yaml").click();
  assert.equal(await tab(page, "compose.yaml").getAttribute("aria-selected"), "true");
  // A negative scale: compose-go refuses it.
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  // insertText: typed newlines would be auto-indented by the editor.
  await page.keyboard.insertText("\n  cache:\n    image: redis:7.4\n    scale: -3");
  const group = page.getByRole("region", { name: "Findings in compose.yaml" });
  await group.getByText(/services\.cache\.scale: must be greater than or equal to 0/).waitFor();
  await page.locator(".cm-lintRange-error").first().waitFor();

  // Go to the Dockerfile, then click the compose finding: the tab switches back.
  await tab(page, "Dockerfile").click();
  await group.locator(".finding").first().click();
  assert.equal(await tab(page, "compose.yaml").getAttribute("aria-selected"), "true");
  const selected = await page.evaluate(() => window.getSelection().toString());
  assert.equal(selected, "-3");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a cross-file finding lands in the file that is wrong", async () => {
  const { context, page } = await openPage(env);
  // Rename the Dockerfile's stage: compose.yaml's build.target no longer exists.
  await tab(page, "Dockerfile").click();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Home");
  for (let line = 1; line < 7; line += 1) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  assert.match(await page.locator(".cm-activeLine").innerText(), /AS runner$/);
  await page.keyboard.type("2");
  const group = page.getByRole("region", { name: "Findings in compose.yaml" });
  await group.getByText(/target stage "runner" could not be found in Dockerfile/).waitFor();
  assert.equal(await page.getByRole("region", { name: "Findings in Dockerfile" }).count(), 0);
  await context.close();
});

test("files are added, checked, renamed and deleted, and the name is validated", async () => {
  const { context, page, problems } = await openPage(env);
  await page.getByRole("button", { name: "Add a file" }).click();
  const name = page.getByLabel("Add a file", { exact: true }).locator("input");
  await name.fill("compose.yaml");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await page.getByRole("alert").getByText("There is already a file called compose.yaml.").waitFor();
  await name.fill("Dockerfile.dev");
  await page.getByText("Read as: Dockerfile").waitFor();
  await name.press("Enter");
  assert.equal(await tab(page, "Dockerfile.dev").getAttribute("aria-selected"), "true");
  await page.keyboard.type("FROM node:22\nRUN npm install\n");
  await page.getByRole("region", { name: "Findings in Dockerfile.dev" }).waitFor();

  await page.getByRole("button", { name: "Rename Dockerfile.dev" }).click();
  const rename = page.getByLabel("Rename the file", { exact: true }).locator("input");
  await rename.fill("api/Dockerfile");
  await rename.press("Enter");
  await tab(page, "api/Dockerfile").waitFor();
  await page.getByRole("region", { name: "Findings in api/Dockerfile" }).waitFor();

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Delete api/Dockerfile" }).click();
  await page.getByRole("region", { name: "Findings in api/Dockerfile" }).waitFor({ state: "detached" });
  assert.equal(await files(page).getByRole("tab").count(), 4);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a reload restores the files and the open tab; Reset asks first", async () => {
  const { context, page } = await openPage(env);
  await tab(page, "compose.override.yaml").click();
  await typeAtEnd(page, "# kept\n");
  await page.reload();
  await page.locator(APP_EDITOR).waitFor();
  assert.equal(await tab(page, "compose.override.yaml").getAttribute("aria-selected"), "true");
  assert.match(await page.locator(".cm-content").innerText(), /# kept/);

  page.once("dialog", (dialog) => dialog.dismiss());
  await page.getByRole("button", { name: "Reset" }).click();
  assert.match(await page.locator(".cm-content").innerText(), /# kept/);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Reset" }).click();
  await page.waitForFunction(() => !document.querySelector(".cm-content").innerText.includes("# kept"));
  assert.equal(await tab(page, "Dockerfile").getAttribute("aria-selected"), "true");
  await context.close();
});

test("the filter shows one severity at a time", async () => {
  const { context, page } = await openPage(env);
  await typeAtEnd(page, "FROB x\nRUN cd /tmp && make\n");
  await page.getByRole("button", { name: /^Errors 1/ }).click();
  assert.equal(await page.locator(".finding").count(), 1);
  assert.match(await page.locator(".finding").first().innerText(), /unknown instruction: FROB/);
  await page.getByRole("button", { name: /^Warnings/ }).click();
  assert.match(await page.locator(".finding").first().innerText(), /WORKDIR/);
  await page.getByRole("button", { name: /^All/ }).click();
  assert.ok((await page.locator(".finding").count()) >= 2);
  await context.close();
});

test("desktop and phone screenshots; on a phone, editor and findings take turns", async () => {
  for (const [label, viewport] of [["desktop", { width: 1280, height: 800 }], ["phone", { width: 390, height: 844, isMobile: true, hasTouch: true }]]) {
    const { width, height, ...device } = viewport;
    const { context, page } = await openPage(env, { viewport: { width, height }, ...device });
    await tab(page, "compose.yaml").click();
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("  cache:\n    image: redis\n");
    if (label === "phone") {
      await page.getByRole("button", { name: "Findings (1)" }).tap();
      assert.equal(await page.locator(".editor-pane").isVisible(), false);
      await page.screenshot({ path: join(artifacts, "workspace-phone-findings.png") });
      await page.locator(".finding").first().tap();
      await page.locator(".editor-pane").waitFor();
      await page.waitForFunction(() => window.getSelection().toString() === "image", null, { timeout: 3000 });
    } else {
      await page.getByRole("region", { name: "Findings in compose.yaml" }).waitFor();
    }
    await page.screenshot({ path: join(artifacts, `workspace-${label}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, `${label}: the page scrolls sideways`);
    await context.close();
  }
});

test("dark theme follows the system, the toggle overrides it and is remembered", async () => {
  const background = (page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const { context, page } = await openPage(env, { colorScheme: "dark", viewport: { width: 1280, height: 800 } });
  assert.equal(await background(page), "rgb(15, 22, 33)");
  await page.screenshot({ path: join(artifacts, "workspace-dark.png") });
  await page.getByRole("button", { name: "Theme: system" }).click(); // → dark
  await page.getByRole("button", { name: "Theme: dark" }).click(); // → light
  assert.equal(await background(page), "rgb(246, 248, 251)");
  await page.reload();
  await page.locator(APP_EDITOR).waitFor();
  assert.equal(await background(page), "rgb(246, 248, 251)", "the choice survives a reload");
  await page.getByRole("button", { name: "Theme: light" }).waitFor();
  await context.close();
});

test("the findings list works from the keyboard", async () => {
  const { context, page } = await openPage(env);
  await typeAtEnd(page, "FROB x\nFROB y\nFROB z\n");
  // Each keystroke is linted: wait until the third line is whole.
  await page.locator(".finding", { hasText: /Line 18/ }).filter({ hasText: /unknown instruction: FROB/ }).waitFor();
  await page.locator(".finding").first().focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.match(await page.evaluate(() => document.activeElement.innerText), /Line 18/);
  await page.keyboard.press("Home");
  assert.match(await page.evaluate(() => document.activeElement.innerText), /Line 16/);
  // Enter jumps to the finding in the editor.
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => window.getSelection().toString()), "FROB");
  await context.close();
});

test("a reload puts the cursor back where it was", async () => {
  const { context, page } = await openPage(env);
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+Home");
  for (let i = 0; i < 6; i += 1) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.waitForTimeout(400); // the cursor is saved a moment after it moves
  await page.reload();
  await page.locator(APP_EDITOR).waitFor();
  await page.locator(".cm-content").focus();
  await page.keyboard.type("2");
  assert.match(await page.locator(".cm-content").innerText(), /AS runner2/);
  await context.close();
});
