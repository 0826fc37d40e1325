// End to end: share links and Copy as Markdown. A link carries the whole
// workspace in its fragment (#v1=, deflate, base64url); opening it restores
// the files byte for byte and never silently drops the work already there.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync, inflateRawSync } from "node:zlib";

import { start, openPage, typeAtEnd } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const toCode = (state) => deflateRawSync(Buffer.from(JSON.stringify(state), "utf8")).toString("base64url");
const fromCode = (code) => JSON.parse(inflateRawSync(Buffer.from(code, "base64url")).toString("utf8"));
// The page hears a text once typing pauses (100 ms) and saves 600 ms
// later; a test waits longer.
const saved = async (page) => {
  await page.waitForTimeout(1200);
  return page.evaluate(() => JSON.parse(localStorage.getItem("dockwright.workspace.v1")));
};
const clipboard = { permissions: ["clipboard-read", "clipboard-write"] };

test("Share copies a link that carries every file", async () => {
  const { context, page, problems } = await openPage(env, clipboard);
  await typeAtEnd(page, "LABEL shared=yes\n");
  await page.getByRole("button", { name: "Share" }).click();
  await page.getByTestId("notice").getByText(/Link copied/).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(`${env.site.url.replace(/\/$/, "")}/#v1=`) || link.includes("#v1="), link);
  const state = fromCode(link.split("#v1=")[1]);
  assert.deepEqual(state, await saved(page));
  assert.match(state.files[0].text, /LABEL shared=yes/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a link restores the files byte for byte, and user text stays text", async () => {
  const files = [
    { name: "Dockerfile", text: "FROM alpine:3.20\r\n\tRUN echo \"é — 😀\"\r\n" },
    { name: "compose.yaml", text: "services:\n  web:\n    image: \"<script>window.__xss = 1</script>\"\n" },
    { name: "\"><img src=x onerror=\"window.__xss=2\">", text: "<img src=x onerror=\"window.__xss=3\">" },
  ];
  const { context, page, problems } = await openPage(env);
  let dialogs = 0;
  page.on("dialog", (dialog) => { dialogs += 1; dialog.dismiss(); });
  await page.goto(`${env.site.url}#v1=${toCode({ files, active: "compose.yaml" })}`);
  await page.getByTestId("notice").getByText("Opened the shared files.").waitFor();
  const state = await saved(page);
  assert.equal(state.files[0].text, files[0].text, "CRLF, tab and Unicode kept");
  assert.equal(state.files[1].text, files[1].text);
  assert.equal(state.files[2].name, "file-3", "a name the page refuses is replaced");
  assert.equal(state.files[2].text, files[2].text);
  assert.equal(state.active, "compose.yaml");
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator("img[src=x]").count(), 0);
  assert.equal(dialogs, 0);
  // The fragment is gone: a reload shows the saved work, not the link again.
  assert.equal(new URL(page.url()).hash, "");
  assert.deepEqual(problems, []);
  await context.close();
});

test("opening a link keeps the work it replaces, and gives it back", async () => {
  const { context, page } = await openPage(env);
  await typeAtEnd(page, "# my local work\n");
  const link = `${env.site.url}#v1=${toCode({ files: [{ name: "Dockerfile", text: "FROM scratch\n" }], active: "Dockerfile" })}`;
  await page.goto(link);
  const notice = page.getByTestId("notice");
  await notice.getByText(/previous files are kept aside/).waitFor();
  assert.equal((await saved(page)).files.length, 1);
  await notice.getByRole("button", { name: "Restore my previous files" }).click();
  await notice.getByText("Your previous files are back.").waitFor();
  assert.match((await saved(page)).files[0].text, /# my local work/);
  await context.close();
});

test("a broken link says so and changes nothing", async () => {
  const { context, page } = await openPage(env);
  await page.goto(`${env.site.url}#v1=not-a-deflate-stream`);
  await page.getByTestId("notice").getByText(/could not be read/).waitFor();
  assert.equal((await saved(page)).files.length, 4);
  await context.close();
});

test("Copy as Markdown gives the files, their findings and the link", async () => {
  const { context, page } = await openPage(env, clipboard);
  await typeAtEnd(page, "FROB x\n");
  await page.getByRole("button", { name: "Copy as Markdown" }).click();
  await page.getByTestId("notice").getByText(/Copied as Markdown/).waitFor();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^## Dockwright: 1 errors, 0 warnings/);
  assert.match(text, /### Dockerfile\n\n```dockerfile\n# syntax=docker\/dockerfile:1/);
  assert.match(text, /- \*\*error\*\* `build-error` line 16, column 1: unknown instruction: FROB/);
  assert.match(text, /\[Open these files in Dockwright\]\(http:\/\/127\.0\.0\.1:\d+\/#v1=/);
  await context.close();
});
