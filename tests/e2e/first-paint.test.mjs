// End to end: the page before its engine arrives. The frame of the page
// is drawn at once with the first file in a real editor (web/editor/boot.js);
// a Dockerfile's findings are drawn there by the small first-findings
// module, as it is typed, and stay until the page's own replace them;
// what is typed there before the engine comes is kept when the app takes
// the editor over; the frame lies where the app's editor will be, so
// nothing jumps; a link or a widget that opens other files shows no early
// file; an engine that cannot load says so.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { start, artifacts, APP_EDITOR } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

// The page's engine, not the first-findings module (first-lint_bg.wasm).
const PAGE_ENGINE = /dockwright-web-[0-9a-f]+_bg\.wasm$/;

/**
 * A context whose requests for the page's engine wait until `release()`
 * (the service worker is kept out, so every request is seen here).
 */
async function heldEngine(options = {}) {
  const context = await env.browser.newContext({ serviceWorkers: "block", ...options });
  let release;
  let released = new Promise((resolve) => (release = resolve));
  await context.route(PAGE_ENGINE, async (route) => {
    await released;
    await route.continue();
  });
  return {
    context,
    release: () => release(),
    // Holds the engine back again (for a reload).
    hold: () => {
      released = new Promise((resolve) => (release = resolve));
    },
  };
}

const early = (page) => page.locator("#boot .cm-editor");
const appStarted = (page) => page.locator("#boot").waitFor({ state: "detached" });

test("the first file shows before the engine arrives, and what is typed there is kept", async () => {
  const engine = await heldEngine();
  const page = await engine.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  await page.goto(env.site.url);
  await early(page).waitFor();
  assert.match(await page.locator("#boot .cm-content").innerText(), /FROM node:22-bookworm-slim AS deps/);
  assert.equal(await page.locator("#boot-name").innerText(), "Dockerfile");
  // The example has nothing to report: said before the page's engine came.
  await page.getByText("No problems in Dockerfile").waitFor();
  assert.equal(await page.locator("[data-testid=status]").count(), 0, "the app has not started");
  await page.screenshot({ path: join(artifacts, "first-paint-before-engine.png") });

  await page.locator("#boot .cm-content").click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("# typed early\n");
  engine.release();
  await appStarted(page);
  await page.locator(APP_EDITOR).waitFor();
  const text = await page.locator(".cm-content").innerText();
  assert.ok(text.startsWith("# typed early\n# syntax=docker/dockerfile:1"), text.slice(0, 80));
  // The page holds the typed text too: typing goes on where it was, and
  // the saved workspace has both.
  await page.keyboard.type("# and after\n");
  await page.waitForFunction(() => (localStorage.getItem("dockwright.workspace.v1") ?? "").includes("# and after"));
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem("dockwright.workspace.v1")));
  const dockerfile = saved.files.find((f) => f.name === "Dockerfile").text;
  assert.ok(dockerfile.startsWith("# typed early\n# and after\n# syntax=docker/dockerfile:1\n"), dockerfile.slice(0, 80));

  // The next visit shows the saved file early.
  engine.hold();
  await page.reload();
  await early(page).waitFor();
  assert.match(await page.locator("#boot .cm-content").innerText(), /^# typed early/);
  engine.release();
  await appStarted(page);
  assert.deepEqual(problems, []);
  await engine.context.close();
});

test("a Dockerfile's findings show as it is typed, before the page's engine, and the page's replace them", async () => {
  const engine = await heldEngine();
  const page = await engine.context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  await page.goto(env.site.url);
  await page.getByText("No problems in Dockerfile").waitFor();
  await page.locator("#boot .cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("RUN cd /tmp && make\n");
  // DL3003 (use WORKDIR) on the typed line, in the gutter and the status.
  await page.getByText("Dockerfile: 1 warning").waitFor();
  await page.locator("#boot .cm-lint-marker-warning").waitFor();
  // Typed on: the findings follow; a half-typed line is no crash.
  await page.keyboard.type("FROM");
  await page.getByText(/^Dockerfile: 1 error/).waitFor();
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Backspace");
  await page.getByText("Dockerfile: 1 warning").waitFor();
  await page.screenshot({ path: join(artifacts, "first-paint-first-findings.png") });
  const early = await page.evaluate(() => [...document.querySelectorAll("#boot .cm-lint-marker")].length);

  engine.release();
  await appStarted(page);
  // The page's findings: the same warning, now with its rule's page.
  await page.getByText("1 warning", { exact: true }).waitFor();
  await page.locator(".findings").getByText("DL3003").first().waitFor();
  assert.equal(await page.locator(`${APP_EDITOR} .cm-lint-marker-warning`).count(), early);
  assert.deepEqual(problems, []);
  await engine.context.close();
});

test("a workspace with its own settings waits for the page's engine", async () => {
  const engine = await heldEngine();
  const page = await engine.context.newPage();
  const fetched = [];
  page.on("request", (request) => fetched.push(request.url()));
  await page.addInitScript(() => {
    const files = [{ name: "Dockerfile", text: "FROM ubuntu\nRUN cd /tmp\n" }];
    localStorage.setItem("dockwright.workspace.v1", JSON.stringify({ files, active: "Dockerfile", settings: "ignored: [DL3003]\n" }));
  });
  await page.goto(env.site.url);
  await early(page).waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.locator("#boot-status").innerText(), "Loading the engine…");
  assert.equal(await page.locator("#boot .cm-lint-marker").count(), 0);
  assert.ok(!fetched.some((url) => url.includes("first-lint")), "the first-findings module is not fetched");
  engine.release();
  await appStarted(page);
  await engine.context.close();
});

test("the early editor lies where the app's editor will be, on a phone and a desktop", async () => {
  for (const viewport of [{ width: 412, height: 823 }, { width: 1280, height: 800 }]) {
    const engine = await heldEngine({ viewport });
    const page = await engine.context.newPage();
    await page.addInitScript(() => {
      window.shifted = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.shifted += entry.value;
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(env.site.url);
    await early(page).waitFor();
    const before = await page.locator("#boot-editor").boundingBox();
    engine.release();
    await appStarted(page);
    await page.getByText("No problems", { exact: true }).waitFor();
    const after = await page.locator(".app .editor-host").boundingBox();
    for (const side of ["x", "y", "width", "height"]) {
      assert.ok(Math.abs(before[side] - after[side]) <= 2, `${viewport.width}px: ${side} ${before[side]} → ${after[side]}`);
    }
    const shifted = await page.evaluate(() => window.shifted);
    assert.ok(shifted < 0.01, `${viewport.width}px: layout shift ${shifted}`);
    await engine.context.close();
  }
});

test("a shared link and an embedded widget show no early file", async () => {
  const engine = await heldEngine();
  const page = await engine.context.newPage();
  await page.goto(`${env.site.url}#v1=not-a-deflate-stream`);
  await page.locator("#boot-status").waitFor();
  assert.equal(await early(page).count(), 0);
  await page.goto(`${env.site.url}?embed`);
  await page.waitForLoadState("domcontentloaded");
  assert.equal(await page.locator("#boot").isVisible(), false, "a widget draws no page frame");
  assert.equal(await early(page).count(), 0);
  engine.release();
  await engine.context.close();
});

test("an engine that cannot load is named in the frame", async () => {
  const context = await env.browser.newContext({ serviceWorkers: "block" });
  await context.route(PAGE_ENGINE, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(env.site.url);
  await page.getByText(/The engine could not start/).waitFor();
  // The file is still there to read.
  assert.match(await page.locator("#boot .cm-content").innerText(), /FROM node:22-bookworm-slim/);
  await context.close();
});

test("without JavaScript no frame covers the page's notice", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.site.url);
  assert.equal(await page.locator("#boot").isVisible(), false);
  await page.screenshot({ path: join(artifacts, "first-paint-no-javascript.png") });
  await context.close();
});
