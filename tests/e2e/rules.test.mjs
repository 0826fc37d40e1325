// End to end: rule pages inside the page, loaded on first use.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { start, openPage, typeAtEnd, artifacts } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

test("a finding links to its rule page, and the rules are searchable", async () => {
  const { context, page, problems } = await openPage(env);
  // The service worker precaches rules.json for offline use; the page itself
  // does not fetch it until a rule is opened.
  const fetched = () => page.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/rules.json")));
  assert.equal(await fetched(), false, "rule docs are not part of the first load");
  await typeAtEnd(page, "RUN apt-get install -y curl\n");
  await page.getByRole("button", { name: "About DL3008" }).click();
  const rule = page.getByRole("article", { name: "Rule DL3008" });
  await rule.getByRole("heading", { name: "What it does" }).waitFor();
  assert.equal(await fetched(), true);
  assert.match(await rule.innerText(), /Pin versions in apt-get install/);

  await rule.getByRole("button", { name: "← All rules" }).click();
  await page.getByLabel("Search rules").fill("healthcheck");
  const listed = await page.locator(".rule-list .code").allInnerTexts();
  assert.ok(listed.includes("healthy-dependency-without-healthcheck"), listed.join(" "));
  assert.ok(listed.includes("DL3057"), listed.join(" "));
  await page.getByLabel("Search rules").fill("MultipleInstructionsDisallowed");
  assert.deepEqual(await page.locator(".rule-list .code").allInnerTexts(), ["DL3012", "DL4003", "DL4004"]);
  await page.screenshot({ path: join(artifacts, "rules.png") });
  assert.deepEqual(problems, []);
  await context.close();
});

test("Try it opens a rule's example as a new file with its finding", async () => {
  const { context, page } = await openPage(env);
  await page.getByRole("tab", { name: "Rules" }).click();
  await page.getByLabel("Search rules").fill("no-version-field");
  await page.locator(".rule-list button").first().click();
  await page.getByRole("button", { name: /Try it/ }).click();
  assert.equal(await page.getByRole("tablist", { name: "Files" }).getByRole("tab", { name: "compose.try.yaml" }).getAttribute("aria-selected"), "true");
  const group = page.getByRole("region", { name: "Findings in compose.try.yaml" });
  await group.getByText(/the attribute `version` is obsolete/).waitFor();
  await context.close();
});

test("the hover card links to the rule's page", async () => {
  const { context, page } = await openPage(env);
  await typeAtEnd(page, "RUN apt-get install -y curl\n");
  await page.locator(".cm-lintRange-warning").first().hover();
  await page.locator(".cm-tooltip-lint").getByRole("button", { name: /About DL3015|About DL3008|About DL3009/ }).first().click();
  await page.getByRole("article", { name: /Rule DL30/ }).getByRole("heading", { name: "What it does" }).waitFor();
  await context.close();
});
