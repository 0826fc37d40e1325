// End to end: the Format button and Shift+Alt+F. The file shown is
// rewritten by the engine's formatter as one undoable edit; the button is
// there for Dockerfiles only, and disabled, with the reason, while the file
// has an error Docker would refuse it for.
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

test("Format is disabled, with the reason, while Docker would refuse the file, and absent for compose files", async () => {
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

  await page.getByRole("tab", { name: "compose.yaml", exact: true }).click();
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("services:"));
  assert.equal(await page.locator(".tab-format").count(), 0, "no Format button for a compose file");
  assert.deepEqual(problems, []);
  await context.close();
});
