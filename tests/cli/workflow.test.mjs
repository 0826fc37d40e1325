// The GitHub Actions example (examples/ci/github-actions.yml): its lint
// step, run as written in a fixture repository, writes the SARIF file its
// upload step names, and that file passes Microsoft's SARIF multitool.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { dockwrightBinary, root, run, scratch } from "./tools.mjs";

const workflow = readFileSync(join(root, "examples/ci/github-actions.yml"), "utf8");
const multitool = join(root, "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");

test("the workflow's lint step writes the SARIF its upload step sends", { skip: !existsSync(multitool) && "npm ci installs the SARIF multitool" }, () => {
  const lint = workflow.match(/^\s+run: (dockwright lint .*)$/m)?.[1];
  assert.ok(lint, "the workflow has a `run: dockwright lint …` step");
  const sarifFile = workflow.match(/^\s+sarif_file: (\S+)$/m)?.[1];
  assert.ok(sarifFile, "the upload step names its file");
  assert.match(workflow, /uses: github\/codeql-action\/upload-sarif@v\d+/);
  assert.match(workflow, /security-events: write/);

  const bin = dirname(dockwrightBinary());
  const repo = scratch(
    {
      "Dockerfile": "FROM node:22\nFROB x\nCOPY . /app\n",
      "compose.yaml": "services:\n  web:\n    build: .\n    ports:\n      - 8080:80\n",
    },
    { git: true },
  );
  const out = run("sh", ["-c", lint], { cwd: repo, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  assert.equal(out.status, 1, "an error fails the step");
  const log = JSON.parse(readFileSync(join(repo, sarifFile), "utf8"));
  const uris = new Set(log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
  assert.deepEqual([...uris].sort(), ["Dockerfile", "compose.yaml"]);
  const validation = run(multitool, ["validate", join(repo, sarifFile)]);
  const errors = (validation.stdout + validation.stderr).split("\n").filter((l) => /: error [A-Z]+\d+/.test(l));
  assert.deepEqual(errors, []);
});
