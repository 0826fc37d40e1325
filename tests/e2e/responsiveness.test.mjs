// End to end: typing into a large file. The engine lints in a worker,
// latest version wins: findings keep arriving while the user types, and
// findings of a version the user has already typed past are never drawn.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";

import { start, root, APP_EDITOR } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

function fiveThousandLines() {
  const typical = readFileSync(join(root, "crates/core/benches/typical.Dockerfile"), "utf8");
  let text = "";
  for (let i = 0; text.split("\n").length < 5000; i += 1) {
    text += typical.replace("AS build", `AS build${i}`).replace("AS runtime", `AS runtime${i}`);
  }
  return text;
}

const errorsIn = (status) => Number(status.match(/(\d+) errors?/)?.[1] ?? 0);

test("typing into a 5,000-line Dockerfile: findings arrive, and never for an old version", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  const state = { files: [{ name: "Dockerfile", text: fiveThousandLines() }], active: "Dockerfile" };
  const code = deflateRawSync(Buffer.from(JSON.stringify(state))).toString("base64url");
  await page.goto(`${env.site.url}#v1=${code}`);
  await page.locator(APP_EDITOR).waitFor();
  await page.locator(".finding").first().waitFor();
  assert.equal(page.workers().length, 1, "the engine runs in a worker");
  const base = errorsIn(await page.getByTestId("status").innerText());

  // Each line typed is an unknown instruction, so each version of the text
  // has its own error count: base + the lines typed so far. Every time the
  // counts change on screen, the lines then in the editor's document are
  // counted too (the document as CodeMirror holds it — what the page was
  // told — not the DOM, which the browser changes a moment before).
  await page.evaluate(() => {
    window.__shown = [];
    const status = document.querySelector("[data-testid=status]");
    const view = document.querySelector(".cm-content").cmTile.root.view;
    const typed = () => {
      const doc = view.state.doc;
      let count = 0;
      for (let n = Math.max(1, doc.lines - 20); n <= doc.lines; n += 1) {
        if (/^F(R(O(B)?)?)?$/.test(doc.line(n).text)) count += 1;
      }
      return count;
    };
    new MutationObserver(() => window.__shown.push({ status: status.textContent, typed: typed() })).observe(status, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  // A slow machine: renders take long enough for the page's scheduler to
  // yield to the browser mid-update, when a worker's answer can come in.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  const lines = 8;
  for (let i = 0; i < lines; i += 1) {
    await page.keyboard.type("FROB\n", { delay: 15 });
    // A pause now and then, so that some versions are linted and drawn.
    if (i % 3 === 2) await page.waitForTimeout(400);
  }

  // The findings of the last version arrive.
  await page.waitForFunction(
    (expected) => Number(document.querySelector("[data-testid=status]").textContent.match(/(\d+) errors?/)?.[1] ?? 0) === expected,
    base + lines,
    { timeout: 15000 },
  );
  const shown = await page.evaluate(() => window.__shown);
  assert.ok(shown.length >= 1, "the counts changed on screen");
  for (const { status, typed } of shown) {
    assert.equal(errorsIn(status), base + typed, `drawn "${status}" while ${typed} lines were typed`);
  }
  // The errors alone (the list draws the first rows of a long file until
  // asked for all of them).
  await page.getByRole("button", { name: /^Errors/ }).click();
  const messages = await page.locator(".finding .message").allInnerTexts();
  assert.equal(messages.filter((m) => m.includes("unknown instruction: FROB")).length, lines);

  // A long list stops after the first rows, with a button for the rest.
  await page.getByRole("button", { name: /^All/ }).click();
  const all = Number((await page.getByRole("button", { name: /^All/ }).innerText()).match(/\d+/)[0]);
  assert.ok(all > 100, `${all} findings`);
  assert.equal(await page.locator(".finding").count(), 100);
  await page.getByRole("button", { name: `Show all ${all} findings in Dockerfile` }).click();
  assert.equal(await page.locator(".finding").count(), all);
  assert.deepEqual(problems, []);
  await context.close();
});
