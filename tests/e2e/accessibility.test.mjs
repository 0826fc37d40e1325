// End to end: every panel of the page, in both themes, has no axe-core
// violation (contrast, ARIA roles and children, names, focusable scroll
// regions, heading order).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";

import { start, openPage } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const PANELS = ["Findings", "Rules", "Patterns", "Review", "Resolved", "Settings", "Exercises"];

for (const scheme of ["light", "dark"]) {
  test(`no accessibility violation in any panel, ${scheme} theme`, async () => {
    const { context, page, problems } = await openPage(env, { colorScheme: scheme });
    await page.getByText("No problems", { exact: true }).waitFor();
    const found = [];
    for (const name of PANELS) {
      const tab = page.getByRole("tablist", { name: "Panel" }).getByRole("tab", { name });
      await tab.click();
      await page.waitForFunction((n) => [...document.querySelectorAll('[role="tab"][aria-selected="true"]')].some((t) => t.textContent.trim() === n), name);
      // Let the panel draw what it loads on first use.
      await page.waitForTimeout(300);
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        found.push(`${name}: ${violation.id} at ${violation.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      }
    }
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

for (const scheme of ["light", "dark"]) {
  test(`no accessibility violation in the editor's help, ${scheme} theme`, async () => {
    const { context, page, problems } = await openPage(env, { colorScheme: scheme });
    await page.getByText("No problems", { exact: true }).waitFor();
    const found = [];
    const check = async (what) => {
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        found.push(`${what}: ${violation.id} at ${violation.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
      }
    };
    await page.getByRole("button", { name: "Outline" }).click();
    await page.locator(".outline-list").waitFor();
    await check("outline");
    await page.keyboard.press("Escape");
    await page.locator(".cm-line").filter({ hasText: /^WORKDIR/ }).first().locator("span").first().hover();
    await page.locator(".cm-assist-doc").waitFor();
    await check("hover");
    await page.mouse.move(0, 0);
    // A half-typed instruction: its error badge shows too.
    await page.locator(".cm-content").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\nCOPY --");
    await page.locator(".cm-tooltip-autocomplete").waitFor();
    await check("completion");
    await page.keyboard.press("Escape");
    await page.locator(".cm-line").filter({ hasText: /AS deps$/ }).first().click();
    await page.keyboard.press("End");
    await page.keyboard.press("F2");
    await page.locator(".cm-assist-rename input").waitFor();
    await check("rename");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Shift+F12");
    await page.locator(".cm-assist-references").waitFor();
    await check("references");
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
