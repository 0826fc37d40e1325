// End to end: settings in the page, and the same findings as the CLI.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

import { start, openPage, typeAtEnd, root } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const openSettings = (page) => page.getByRole("tablist", { name: "Panel" }).getByRole("tab", { name: "Settings" }).click();
const settingsText = (page) => page.getByLabel("Settings (YAML)");

test("a rule switched off in the list disappears and is written as settings", async () => {
  const { context, page, problems } = await openPage(env);
  await typeAtEnd(page, "MAINTAINER me\n");
  await page.getByText(/MAINTAINER is deprecated|Maintainer instruction is deprecated/).first().waitFor();
  await openSettings(page);
  await page.getByLabel("Find a rule to switch off or re-rate").fill("DL4000");
  await page.getByLabel("DL4000 setting").selectOption("off");
  assert.equal(await settingsText(page).inputValue(), "ignored: [DL4000]\n");
  await page.getByText("No problems", { exact: true }).waitFor();

  // Broken settings say where, and the last good ones stay in use.
  await settingsText(page).fill("ignored: [DL4000\n");
  await page.getByRole("alert").getByText(/Line \d+, column \d+/).waitFor();
  await page.getByText("No problems", { exact: true }).waitFor();

  // A .hadolint.yaml imported from a file.
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Import a file…" }).click();
  await (await chooser).setFiles({ name: ".hadolint.yaml", mimeType: "text/yaml", buffer: Buffer.from("override:\n  error: [DL4000]\n") });
  await page.getByTestId("notice").getByText("Settings imported.").waitFor();
  await page.getByText("1 error", { exact: true }).waitFor();

  const download = page.waitForEvent("download");
  // Browsers drop a leading dot from downloads: hadolint.yaml, which the CLI
  // and hadolint also read.
  await page.getByRole("button", { name: "Download hadolint.yaml" }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), "hadolint.yaml");
  assert.equal(readFileSync(await file.path(), "utf8"), "override:\n  error: [DL4000]\n");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the page and the CLI give the same findings for the same files and settings", async () => {
  const { context, page } = await openPage(env);
  await typeAtEnd(page, "RUN cd /tmp && apt-get install -y curl\nMAINTAINER me\n");
  await page.getByRole("tablist", { name: "Files" }).getByRole("tab", { name: "compose.yaml" }).click();
  await typeAtEnd(page, "x-note: true\n");
  await openSettings(page);
  await settingsText(page).fill("ignored: [DL4000]\noverride:\n  error: [DL3003]\n  info: [no-version-field]\n");
  await page.getByRole("tablist", { name: "Panel" }).getByRole("tab", { name: "Findings" }).click();
  await page.locator("section.file-findings").first().waitFor();

  // Saved when typing pauses (600 ms).
  await page.waitForTimeout(1200);
  const state = await page.evaluate(() => JSON.parse(localStorage.getItem("dockwright.workspace.v1")));
  const inPage = await page.evaluate(() =>
    [...document.querySelectorAll("section.file-findings")].flatMap((section) => {
      const file = section.getAttribute("aria-label").replace("Findings in ", "");
      return [...section.querySelectorAll(".finding")].map((f) => {
        const [where, code, severity] = [...f.querySelectorAll(".where span")].map((s) => s.textContent);
        const [, line, column] = where.match(/Line (\d+), column (\d+)/);
        return `${file}:${line}:${column} ${severity} ${code}`;
      });
    }),
  );
  assert.ok(inPage.length >= 2, inPage.join("\n"));

  const dir = mkdtempSync(join(tmpdir(), "dockwright-same-"));
  for (const file of state.files) {
    mkdirSync(dirname(join(dir, file.name)), { recursive: true });
    writeFileSync(join(dir, file.name), file.text);
  }
  writeFileSync(join(dir, "settings.yaml"), state.settings);
  // Exit status 1 (errors found) is expected; the JSON is what matters.
  const run = spawnSync("cargo", ["run", "-q", "-p", "dockwright-cli", "--", "lint", "--format", "json", "--config", join(dir, "settings.yaml"), dir], {
    cwd: root,
    encoding: "utf8",
  });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const json = run.stdout;
  // The CLI reads the directory as the whole project; the page's files are
  // a part of one (outside a course), so what the build context lacks —
  // the HEALTHCHECK's healthcheck.js the example names — is the CLI's to say.
  const needsWholeProject = (f) => f.code === "healthcheck-probe-missing" && /build context/.test(f.message);
  const inCli = JSON.parse(json)
    .filter((f) => !f.file.endsWith("settings.yaml") && !needsWholeProject(f))
    .map((f) => `${f.file.slice(dir.length + 1)}:${f.line}:${f.column} ${f.severity} ${f.code}`);
  assert.deepEqual([...inPage].sort(), [...inCli].sort());
  rmSync(dir, { recursive: true, force: true });
  await context.close();
});
