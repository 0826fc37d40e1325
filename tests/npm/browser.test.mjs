// @dockwright/engine in Chromium: the package's browser entry (index.js),
// installed from its tarball and served as static files, imported by a page
// as an ES module and in a module Web Worker; it loads its own wasm and
// gives the same findings as under Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { serve } from "../e2e/server.mjs";
import { launch } from "../e2e/browser.mjs";
import { installed } from "./package.mjs";

const project = installed();
const engine = await import(join(project, "node_modules/@dockwright/engine/node/index.mjs"));
writeFileSync(join(project, "index.html"), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>engine</title>');
writeFileSync(
  join(project, "worker.js"),
  // The handler is set before the engine has loaded (a message that comes
  // while a module is still evaluating would be lost), and awaits it.
  'const engine = import("./node_modules/@dockwright/engine/index.js");\nself.onmessage = async ({ data }) => self.postMessage((await engine).lint(data));\n',
);

const dockerfile = "FROM ubuntu\nRUN apt-get install -y curl\nFROB x\n";

test("the browser entry lints in a page and in a worker", async () => {
  const site = await serve(project);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    await page.goto(`${site.url}index.html`);
    const inPage = await page.evaluate(async (text) => {
      const engine = await import("./node_modules/@dockwright/engine/index.js");
      return {
        findings: engine.lint([{ path: "Dockerfile", text }]),
        formatted: engine.format({ path: "Dockerfile", text: "from alpine:3.20\n" }),
        rules: engine.rules().length,
        files: engine.renderPattern("nextjs").map((f) => f.path),
      };
    }, dockerfile);
    const inWorker = await page.evaluate(
      (text) =>
        new Promise((resolve, reject) => {
          const worker = new Worker("./worker.js", { type: "module" });
          worker.onmessage = ({ data }) => resolve(data);
          worker.onerror = (e) => reject(new Error(e.message));
          worker.postMessage([{ path: "Dockerfile", text }]);
        }),
      dockerfile,
    );
    const expected = engine.lint([{ path: "Dockerfile", text: dockerfile }]);
    assert.deepEqual(inPage.findings, expected);
    assert.deepEqual(inWorker, expected);
    assert.ok(expected.some((f) => f.code === "build-error"));
    assert.equal(inPage.formatted, "FROM alpine:3.20\n");
    assert.equal(inPage.rules, engine.rules().length);
    assert.ok(inPage.files.includes("Dockerfile"));
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await site.close();
  }
});
