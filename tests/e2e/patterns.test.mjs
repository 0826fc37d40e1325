// The pattern gallery, apply-with-diff, the scorecard and the pictures,
// used as a person would, in Debian's Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { start, openPage as open, artifacts } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});
const openPage = (options) => open(env, options);
const panel = (page, name) => page.getByRole("tablist", { name: "Panel" }).getByRole("tab", { name });

test("a pattern's files follow its parameters, and open as a project that lints clean", async () => {
  const { context, page, problems } = await openPage();
  await panel(page, "Patterns").click();
  await page.getByRole("button", { name: /Full-stack compose/ }).click();

  const preview = page.getByRole("tabpanel", { name: "compose.yaml preview" });
  assert.match(await preview.innerText(), /postgres:17-alpine/);
  // Line notes explain the lines that need it.
  assert.match(await preview.innerText(), /pg_isready/);
  assert.match(await preview.innerText(), /waits for it/);

  await page.getByLabel("Database", { exact: true }).selectOption("mysql");
  await page.getByLabel("Cache", { exact: true }).selectOption("none");
  assert.match(await preview.innerText(), /mysql:8\.4/);
  assert.doesNotMatch(await preview.innerText(), /redis/);

  // Switching the runtime brings its own package managers; a bad port is
  // refused at its field and nothing can be opened meanwhile.
  await page.getByLabel("Runtime", { exact: true }).selectOption("python");
  assert.equal(await page.getByLabel("Package manager", { exact: true }).inputValue(), "pip");
  await page.getByLabel("Port", { exact: true }).fill("70000");
  await page.getByText("is not a port: use a number from 1 to 65535").waitFor();
  assert.equal(await page.getByRole("button", { name: "Open as a new project" }).isDisabled(), true);
  await page.getByLabel("Port", { exact: true }).fill("8000");

  await page.getByRole("tablist", { name: "Generated files" }).getByRole("tab", { name: "Dockerfile" }).click();
  const dockerfile = page.getByRole("tabpanel", { name: "Dockerfile preview" });
  assert.match(await dockerfile.innerText(), /FROM python:3\.12-slim-bookworm AS build/);
  assert.match(await dockerfile.innerText(), /EXPOSE 8000/);
  await page.screenshot({ path: join(artifacts, "patterns-gallery.png") });

  await page.getByRole("button", { name: "Open as a new project" }).click();
  await page.getByText("Opened the pattern as a new project").waitFor();
  const files = page.getByRole("tablist", { name: "Files", exact: true });
  for (const name of ["compose.yaml", "Dockerfile", "healthcheck.py", ".dockerignore", ".env.example"]) {
    await files.getByRole("tab", { name, exact: true }).waitFor();
  }
  // The engine finds nothing to say about any of them, across files.
  await page.getByText("No problems", { exact: true }).waitFor();

  // The files it replaced come back with Restore.
  await page.getByRole("button", { name: "Restore" }).click();
  await files.getByRole("tab", { name: "compose.override.yaml", exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("applying a pattern shows the diff first and writes only after Apply", async () => {
  const { context, page, problems } = await openPage();
  await panel(page, "Patterns").click();
  await page.getByRole("button", { name: /\.dockerignore for your stack/ }).click();
  await page.getByRole("button", { name: "Apply to my files…" }).click();
  const diff = page.getByRole("region", { name: "Changes to .dockerignore" });
  assert.match(await diff.innerText(), /changed/);
  assert.match(await diff.innerText(), /\+\s*\.env\.\*/);
  await page.screenshot({ path: join(artifacts, "patterns-diff.png") });

  // Nothing is written before Apply.
  await page.getByRole("tablist", { name: "Files", exact: true }).getByRole("tab", { name: ".dockerignore", exact: true }).click();
  assert.doesNotMatch(await page.locator(".cm-content").innerText(), /\.env\.\*/);

  await page.getByRole("button", { name: /Apply 1 change/ }).click();
  await page.getByText("Applied the pattern: 1 file written").waitFor();
  assert.match(await page.locator(".cm-content").innerText(), /\.env\.\*/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the scorecard names each missed practice and applies its change; the pictures draw the project", async () => {
  const { context, page, problems } = await openPage();
  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n");
  await panel(page, "Review").click();

  const card = page.getByRole("region", { name: "Scorecard" });
  await card.getByText(/of \d followed/).waitFor();
  const nonRoot = card.getByRole("listitem").filter({ hasText: "Non-root user" });
  assert.match(await nonRoot.innerText(), /No USER: the image runs as root/);
  await nonRoot.getByRole("button", { name: "Preview the change" }).click();
  assert.match(await nonRoot.innerText(), /\+\s*USER 1000:1000/);
  await page.screenshot({ path: join(artifacts, "review-scorecard.png") });
  await nonRoot.getByRole("button", { name: "Apply this change" }).click();
  await page.getByText(/Run as an unprivileged user: 1 file written/).waitFor();
  await card.getByRole("listitem").filter({ hasText: "Non-root user" }).getByText("The image runs as 1000:1000.").waitFor();

  // Layer order: the install moves before the sources.
  const order = card.getByRole("listitem").filter({ hasText: "Dependencies before sources" });
  await order.getByRole("button", { name: "Preview the change" }).click();
  await order.getByRole("button", { name: "Apply this change" }).click();
  await card.getByRole("listitem").filter({ hasText: "Dependencies before sources" }).getByText("Dependencies are installed before the sources are copied.").waitFor();

  assert.deepEqual(problems, []);
  await context.close();
});

test("the pictures draw the example's stages, services and layers", async () => {
  const { context, page, problems } = await openPage();
  await panel(page, "Review").click();
  const stages = page.getByRole("img", { name: "Stage graph of Dockerfile" });
  await stages.waitFor();
  assert.match(await stages.innerHTML(), />deps</);
  assert.match(await stages.innerHTML(), />runner</);
  // The compose files Docker Compose merges are shown merged.
  const services = page.getByRole("img", { name: "Service graph of compose.yaml + compose.override.yaml (merged)" });
  assert.match(await services.innerHTML(), />web</);
  assert.match(await services.innerHTML(), />db</);
  const layers = page.getByRole("region", { name: "Layer cache" });
  assert.match(await layers.innerText(), /package\.json, package-lock\.json/);
  assert.match(await layers.innerText(), /any file in the build context/);
  await page.getByRole("region", { name: "Stage graph", exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, "review-pictures.png") });
  // Worked out off the page's thread: the panel has a worker of its own.
  assert.equal(page.workers().length, 2, "the lint worker and the panel's");
  // One compose file instead of the merged ones.
  await page.getByLabel("Compose file").selectOption({ label: "compose.yaml" });
  const alone = page.getByRole("img", { name: "Service graph of compose.yaml" });
  await alone.waitFor();
  assert.match(await alone.innerHTML(), />web</);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the CI pattern's layer cache is a parameter, and each pattern says where it differs from the tutorial", async () => {
  const { context, page, problems } = await openPage();
  await panel(page, "Patterns").click();
  await page.getByRole("button", { name: /CI build with Buildx/ }).click();
  const preview = page.getByRole("tabpanel", { name: /docker\.yml preview/ });
  assert.match(await preview.innerText(), /cache-to: type=gha,mode=max/);
  assert.match(await preview.innerText(), /10 GB per repository/);
  await page.getByLabel("Layer cache", { exact: true }).selectOption("registry");
  assert.match(await preview.innerText(), /type=registry,ref=\$\{\{ env\.IMAGE \}\}:buildcache/);
  assert.doesNotMatch(await preview.innerText(), /type=gha/);
  const differs = page.getByRole("group").filter({ hasText: "Where it differs from the classic tutorial version" });
  await page.getByText("Where it differs from the classic tutorial version").click();
  await differs.getByText(/retired Node versions/).waitFor();
  await page.screenshot({ path: join(artifacts, "patterns-ci-differs.png") });
  assert.deepEqual(problems, []);
  await context.close();
});
