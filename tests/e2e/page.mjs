// What every end-to-end test needs: the site served from dist/, Debian's
// Chromium, and a fresh page that records requests and console errors.
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { serve } from "./server.mjs";
import { launch } from "./browser.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const artifacts = join(root, "tests/e2e/artifacts");
mkdirSync(artifacts, { recursive: true });

/**
 * The app's editor. Before the engine arrives the page's frame shows the
 * first file in an editor of its own (#boot, web/editor/boot.js); the app
 * takes it over once it has drawn.
 */
export const APP_EDITOR = ".app:not(.boot) .cm-editor";

/** Serves dist/ and starts the browser; `stop()` ends both. */
export async function start() {
  const site = await serve(join(root, "dist"));
  const browser = await launch();
  return {
    site,
    browser,
    async stop() {
      await browser?.close();
      await site?.close();
    },
  };
}

/** A fresh context (its own storage) that records every request and every console error. */
export async function openPage(env, options = {}) {
  const context = await env.browser.newContext({ serviceWorkers: "allow", ...options });
  const requests = [];
  const problems = [];
  context.on("request", (request) => requests.push(request.url()));
  // Every Content-Security-Policy violation counts as a problem.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  await page.goto(env.site.url);
  await page.locator(APP_EDITOR).waitFor();
  return { context, page, requests, problems };
}

export async function typeAtEnd(page, text) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}
