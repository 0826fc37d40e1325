// End to end: a training room. A trainer turns files into exercises and
// hands out one link; a learner opens it, fixes each exercise and sees it
// marked solved.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";

import { start, openPage, artifacts } from "./page.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.stop();
});

const clipboard = { permissions: ["clipboard-read", "clipboard-write"] };

async function replaceText(page, text) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(text);
}

test("a trainer hands out exercises as one link; a learner solves them", async () => {
  const trainer = await openPage(env, clipboard);
  const t = trainer.page;
  // This course is about Dockerfiles alone: the trainer deletes the rest.
  t.on("dialog", (dialog) => dialog.accept());
  for (const name of ["compose.yaml", "compose.override.yaml", ".dockerignore"]) {
    await t.getByRole("tablist", { name: "Files" }).getByRole("tab", { name }).click();
    await t.getByRole("button", { name: `Delete ${name}` }).click();
  }
  await t.getByRole("tablist", { name: "Files" }).getByRole("tab").first().waitFor();
  assert.equal(await t.getByRole("tablist", { name: "Files" }).getByRole("tab").count(), 1);
  await t.getByRole("tablist", { name: "Panel" }).getByRole("tab", { name: "Exercises" }).click();
  // A title is required.
  await t.getByRole("button", { name: "Add the current files as an exercise" }).click();
  await t.getByRole("alert").getByText("An exercise needs a title.").waitFor();

  await replaceText(t, "FROM ubuntu\nCMD [\"bash\"]\n");
  await t.getByLabel("Exercise title").fill("Tag the base image");
  await t.getByLabel("Task for the learner").fill("Give FROM an explicit version tag.");
  await t.getByRole("button", { name: "Add the current files as an exercise" }).click();
  await replaceText(t, "FROM alpine:3.20\nMAINTAINER me\n");
  await t.getByLabel("Exercise title").fill("Replace MAINTAINER");
  await t.getByRole("button", { name: "Add the current files as an exercise" }).click();
  await t.getByText("0 of 2 solved").waitFor();
  await t.getByRole("button", { name: "Copy course link" }).click();
  await t.getByTestId("notice").getByText(/Course link copied/).waitFor();
  const link = await t.evaluate(() => navigator.clipboard.readText());
  await trainer.context.close();

  const learner = await openPage(env);
  const l = learner.page;
  await l.goto("about:blank");
  await l.goto(link);
  const banner = l.getByRole("region", { name: "Exercise" });
  await banner.getByText("Exercise 1 of 2: Tag the base image").waitFor();
  await banner.getByText("Give FROM an explicit version tag.").waitFor();
  await l.getByTestId("exercise-status").getByText("1 finding left").waitFor();
  await l.screenshot({ path: join(artifacts, "exercise.png") });

  // Fix it: the exercise is solved.
  await l.locator(".cm-content").click();
  await l.keyboard.press("Control+Home");
  await l.keyboard.press("End");
  await l.keyboard.type(":24.04");
  await l.getByTestId("exercise-status").getByText("✓ Solved: no findings left").waitFor();

  await banner.getByRole("button", { name: "Next →" }).click();
  await banner.getByText("Exercise 2 of 2: Replace MAINTAINER").waitFor();
  assert.match(await l.locator(".cm-content").innerText(), /MAINTAINER me/);
  await l.getByRole("tablist", { name: "Panel" }).getByRole("tab", { name: "Exercises" }).click();
  await l.getByText("1 of 2 solved").waitFor();

  // Back to the first: the learner's fix is still there.
  await banner.getByRole("button", { name: "← Previous" }).click();
  assert.match(await l.locator(".cm-content").innerText(), /ubuntu:24\.04/);
  assert.deepEqual(learner.problems, []);
  await learner.context.close();
});
