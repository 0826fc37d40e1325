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
