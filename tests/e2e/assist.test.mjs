// End to end: help while typing, on the example project. Completion of an
// instruction, a flag, a stage after --from=, a service in depends_on and
// build.target from the Dockerfile; hover docs on an instruction and on a
// compose key; F12 on a stage reference; Shift+F12; F2 renames a stage and
// a service everywhere, as one undo step.
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
const editorText = (page) => page.locator(".cm-content").innerText();
const files = (page) => page.getByRole("tablist", { name: "Files" });
const option = (page, label) => page.locator(".cm-tooltip-autocomplete li").filter({ hasText: new RegExp(`^${label.replace(/[$]/g, "\\$")}`) });

// Puts the cursor right after the `nth` occurrence of `needle` (within one
// line) in the file shown, by clicking there.
async function cursorAfter(page, needle, nth = 0) {
  const point = await page.evaluate(([needle, nth]) => {
    let seen = 0;
    for (const line of document.querySelectorAll(".app:not(.boot) .cm-content .cm-line")) {
      let at = line.textContent.indexOf(needle);
      while (at >= 0 && seen < nth) {
        seen += 1;
        at = line.textContent.indexOf(needle, at + 1);
      }
      if (at < 0) continue;
      // The character right before the cursor's place: its right edge.
      let target = at + needle.length - 1;
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (target < node.length) {
          const range = document.createRange();
          range.setStart(node, target);
          range.setEnd(node, target + 1);
          const rect = range.getBoundingClientRect();
          return { x: rect.right - 1, y: rect.top + rect.height / 2 };
        }
        target -= node.length;
      }
    }
    return null;
  }, [needle, nth]);
  assert.ok(point, `${needle} is in the file`);
  await page.mouse.click(point.x, point.y);
}

test("Dockerfile: an instruction, a flag and a stage are completed as they are typed", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  await typeAtEnd(page, "\nFR");
  await option(page, "FROM").waitFor();
  await page.screenshot({ path: join(artifacts, "assist-complete-instruction.png") });
  await page.keyboard.press("Enter");
  await page.keyboard.type("alpine:3.20 AS tools\nCOPY --fr");
  await option(page, "--from").waitFor();
  await page.keyboard.press("Enter");
  // After `--from=` the stages written above are proposed.
  await page.keyboard.type("d");
  await option(page, "deps").waitFor();
  await page.screenshot({ path: join(artifacts, "assist-complete-stage.png") });
  await page.keyboard.press("Enter");
  assert.match(await editorText(page), /\nFROM alpine:3\.20 AS tools\nCOPY --from=deps\b/);
  // Ctrl+Space asks where nothing is typed yet.
  await page.keyboard.type(" /app /app\n");
  await page.keyboard.press("Control+Space");
  await option(page, "HEALTHCHECK").waitFor();
  await page.keyboard.press("Escape");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Dockerfile: hover explains an instruction, F12 goes to a stage, F2 renames it everywhere in one undo step", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  await page.locator(".cm-line").filter({ hasText: /^WORKDIR/ }).first().locator("span").first().hover();
  const tooltip = page.locator(".cm-assist-doc");
  await tooltip.waitFor();
  assert.match(await tooltip.innerText(), /working directory/);
  await page.screenshot({ path: join(artifacts, "assist-hover.png") });

  // F12 on `deps` of `--from=deps` selects the stage's name.
  await cursorAfter(page, "--from=de");
  await page.keyboard.press("F12");
  const selected = () => page.evaluate(() => window.getSelection().toString());
  await page.waitForFunction(() => window.getSelection().toString() === "deps");
  assert.equal(await selected(), "deps");
  const line = await page.evaluate(() => window.getSelection().anchorNode.parentElement.closest(".cm-line").innerText);
  assert.match(line, /^FROM .* AS deps$/);

  // Shift+F12 lists its references.
  await page.keyboard.press("Shift+F12");
  const references = page.getByRole("region", { name: "References" });
  await references.waitFor();
  assert.match(await references.innerText(), /2 references to deps/);

  // F2 opens the field with the name selected; Enter renames every place.
  await page.keyboard.press("F2");
  const field = page.getByLabel("Rename deps to");
  await field.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Rename deps to");
  await page.keyboard.type("dependencies");
  await page.screenshot({ path: join(artifacts, "assist-rename.png") });
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("AS dependencies"));
  const text = await editorText(page);
  assert.match(text, /COPY --from=dependencies /);
  assert.doesNotMatch(text, /\bdeps\b/);
  // One undo step takes the whole rename back.
  await page.locator(".cm-content").focus();
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => !document.querySelector(".cm-content").innerText.includes("dependencies"));
  // A name BuildKit refuses is said, and nothing changes.
  await cursorAfter(page, "AS de");
  await page.keyboard.press("F2");
  await page.getByLabel("Rename deps to").waitFor();
  await page.keyboard.type("Not Valid");
  await page.keyboard.press("Enter");
  await page.getByRole("alert").filter({ hasText: "not a stage name" }).waitFor();
  await page.keyboard.press("Escape");
  assert.match(await editorText(page), /AS deps/);
  await page.getByText("No problems", { exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("compose: a service in depends_on, build.target from the Dockerfile, hover on a key, rename of a service", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  await files(page).getByRole("tab", { name: "compose.yaml", exact: true }).click();
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("services:"));

  // build.target: the stages of the Dockerfile the service builds.
  await cursorAfter(page, "target: runner");
  for (let i = 0; i < "runner".length; i += 1) await page.keyboard.press("Backspace");
  await page.keyboard.press("Control+Space");
  await option(page, "deps").waitFor();
  await option(page, "runner").waitFor();
  await page.screenshot({ path: join(artifacts, "assist-build-target.png") });
  await page.keyboard.type("ru");
  await page.keyboard.press("Enter");
  assert.match(await editorText(page), /target: runner\n/);

  // A new dependency: the other services are proposed.
  await cursorAfter(page, "condition: service_healthy");
  // insertText: a typed line break would be indented by the editor.
  await page.keyboard.insertText("\n      ");
  await page.keyboard.press("Control+Space");
  await option(page, "db").waitFor();
  assert.equal(await option(page, "web").count(), 0, "a service does not depend on itself");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("service_healthy\n  db:"));

  // Hover on a compose key gives the schema's description.
  await page.locator(".cm-line").filter({ hasText: /^\s+healthcheck:/ }).first().getByText("healthcheck").hover();
  const tooltip = page.locator(".cm-assist-doc");
  await tooltip.waitFor();
  assert.match(await tooltip.innerText(), /^healthcheck/);
  await page.mouse.move(0, 0);

  // F2 on the service `db` renames its key and its references.
  await cursorAfter(page, "  d", 1);
  await page.keyboard.press("F2");
  const field = page.getByLabel("Rename db to");
  await field.waitFor();
  await page.keyboard.type("database");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("  database:\n    image"));
  assert.match(await editorText(page), /depends_on:\n\s+database:\n\s+condition/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("compose: F12 on build.target opens the Dockerfile at the stage", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  await files(page).getByRole("tab", { name: "compose.yaml", exact: true }).click();
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("services:"));
  await cursorAfter(page, "target: ru");
  await page.keyboard.press("F12");
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.startsWith("# syntax="));
  await page.waitForFunction(() => window.getSelection().toString() === "runner");
  assert.equal(await files(page).getByRole("tab", { selected: true }).innerText(), "Dockerfile");
  await page.screenshot({ path: join(artifacts, "assist-target-definition.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Outline lists stages and services and jumps to them, by keyboard too", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  const outline = page.getByRole("button", { name: "Outline" });
  await outline.click();
  const list = page.getByRole("list", { name: "Outline of Dockerfile" });
  await list.waitFor();
  const names = await list.locator(".outline-name").allInnerTexts();
  assert.deepEqual(names.slice(0, 2), ["deps", "WORKDIR"]);
  assert.ok(names.includes("runner") && names.includes("HEALTHCHECK"), names.join(","));
  await page.screenshot({ path: join(artifacts, "assist-outline.png") });
  await list.getByRole("button").filter({ hasText: "runner" }).click();
  await page.waitForFunction(() => window.getSelection().toString() === "runner");
  assert.equal(await list.count(), 0, "the list closes");

  // Keyboard: the button, then Tab to an entry, Enter; Escape closes.
  await files(page).getByRole("tab", { name: "compose.yaml", exact: true }).click();
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("services:"));
  await outline.focus();
  await page.keyboard.press("Enter");
  const composeList = page.getByRole("list", { name: "Outline of compose.yaml" });
  await composeList.waitFor();
  assert.deepEqual(await composeList.locator(".outline-name").allInnerTexts(), ["services", "web", "db", "volumes", "db-data"]);
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector(".outline-list"));
  await outline.click();
  await composeList.locator(".outline-entry", { has: page.locator(".outline-name", { hasText: /^db$/ }) }).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.getSelection().toString() === "db");
  assert.deepEqual(problems, []);
  await context.close();
});

test("renaming a stage renames the build.target that names it, and a service its uses in the override file", async () => {
  const { context, page, problems } = await openPage();
  await page.getByText("No problems", { exact: true }).waitFor();
  await cursorAfter(page, "AS run");
  await page.keyboard.press("F2");
  await page.getByLabel("Rename runner to").waitFor();
  await page.keyboard.type("app");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("AS app"));
  await files(page).getByRole("tab", { name: "compose.yaml", exact: true }).click();
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("target: app"));
  // Still no finding: the compose file builds a stage that exists.
  await page.getByText("No problems", { exact: true }).waitFor();

  // The service `web`, renamed in compose.yaml, is renamed in the override file too.
  await cursorAfter(page, "  we");
  await page.keyboard.press("F2");
  await page.getByLabel("Rename web to").waitFor();
  await page.keyboard.type("shop");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("  shop:\n"));
  await files(page).getByRole("tab", { name: "compose.override.yaml", exact: true }).click();
  await page.waitForFunction(() => document.querySelector(".cm-content").innerText.includes("services:"));
  const override = await page.locator(".cm-content").innerText();
  assert.match(override, /\n {2}shop:\n/);
  assert.doesNotMatch(override, /\n {2}web:\n/);
  await page.getByText("No problems", { exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
