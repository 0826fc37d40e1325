// End to end: the Format button and Shift+Alt+F. The file shown is
// rewritten by the engine's formatter as one undoable edit; the button is
// there for Dockerfiles and compose files, and disabled, with the reason,
// while the file has an error Docker would refuse it for. The Settings
// panel sets the Dockerfile's continuation indent, and an .editorconfig in
// the workspace is followed when it does not.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { start, openPage as open, typeAtEnd, artifacts } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const openPage = () => open(env);

test("Shift+Alt+F and the Format button format the Dockerfile as one undoable edit", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  const content = page.locator(".cm-content");
  await typeAtEnd(page, "\nrun    apk add --no-cache curl=8.5.0-r0 && \\\n\t\techo done   ");
  await page.keyboard.press("Shift+Alt+F");
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("RUN apk add"));
  const formatted = await content.innerText();
  assert.match(formatted, /\nRUN apk add --no-cache curl=8\.5\.0-r0 && \\\n {4}echo done/);
  await page.screenshot({ path: join(artifacts, "format-done.png") });

  // One undo step takes the whole format back.
  await content.focus();
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("run    apk"));

  // The button does the same; a second press says there is nothing to do.
  const button = page.getByRole("button", { name: "Format" });
  await button.click();
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("RUN apk add"));
  await button.click();
  await page.getByText("Dockerfile is already formatted.").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("Format is disabled, with the reason, while Docker would refuse the file", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  await typeAtEnd(page, "\nFROM");
  const button = page.getByRole("button", { name: "Format" });
  await page.waitForFunction(() => document.querySelector(".tab-format")?.disabled === true);
  assert.match(await button.getAttribute("title"), /^Not available: .*line \d+: FROM requires/);
  // The key does nothing then.
  const before = await page.locator(".cm-content").innerText();
  await page.keyboard.press("Shift+Alt+F");
  await page.waitForTimeout(300);
  assert.equal(await page.locator(".cm-content").innerText(), before);
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.waitForFunction(() => document.querySelector(".tab-format")?.disabled === false);
  assert.deepEqual(problems, []);
  await context.close();
});

const files = (page) => page.getByRole("tablist", { name: "Files" });

async function addFile(page, name, text) {
  await page.getByRole("button", { name: "Add a file" }).click();
  const field = page.getByLabel("Add a file", { exact: true }).locator("input");
  await field.fill(name);
  await field.press("Enter");
  await files(page).getByRole("tab", { name, exact: false }).waitFor();
  await page.locator(".cm-content").click();
  // insertText: typed newlines would be auto-indented by the editor.
  await page.keyboard.insertText(text);
}

test("a compose file is formatted in two-space block style, its comments, quotes and anchors kept", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  await addFile(
    page,
    "compose.dev.yaml",
    'x-env: &env\n    TZ: UTC\nservices:\n    web:\n        image:    "nginx:1.27"   # pinned\n        environment: *env\n        ports:\n        - "8080:80"\n',
  );
  const button = page.getByRole("button", { name: "Format" });
  await page.waitForFunction(() => document.querySelector(".tab-format")?.disabled === false);
  await button.click();
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes('  web:'));
  const text = await page.locator(".cm-content").innerText();
  assert.equal(
    text.trimEnd(),
    'x-env: &env\n  TZ: UTC\nservices:\n  web:\n    image: "nginx:1.27"   # pinned\n    environment: *env\n    ports:\n      - "8080:80"',
  );
  await page.screenshot({ path: join(artifacts, "format-compose.png") });
  // A YAML error: the button is disabled and says why.
  await typeAtEnd(page, "\n  bad: [");
  await page.waitForFunction(() => document.querySelector(".tab-format")?.disabled === true);
  assert.match(await button.getAttribute("title"), /^Not available: .*line \d+/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the continuation indent follows the workspace's .editorconfig, and the Settings choice over it", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  await addFile(page, ".editorconfig", "root = true\n[Dockerfile]\nindent_style = tab\n");
  await files(page).getByRole("tab", { name: "Dockerfile", exact: true }).click();
  await typeAtEnd(page, "\nRUN apk update && \\\n  apk add curl");
  await page.keyboard.press("Shift+Alt+F");
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("\tapk add curl"));

  await page.getByRole("tablist", { name: "Panel" }).getByRole("tab", { name: "Settings" }).click();
  const choice = page.getByLabel("Format indents a Dockerfile's continuation lines by");
  await choice.selectOption("2");
  assert.match(await page.getByLabel("Settings (YAML)").inputValue(), /continuation-indent: 2/);
  await page.screenshot({ path: join(artifacts, "format-settings.png") });
  await page.getByRole("button", { name: "Format", exact: true }).click();
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("\n  apk add curl"));
  assert.deepEqual(problems, []);
  await context.close();
});
