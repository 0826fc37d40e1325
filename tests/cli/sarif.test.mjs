// SARIF as code scanning reads it: every log `dockwright lint --format
// sarif` writes passes Microsoft's SARIF multitool (`validate`: the
// official 2.1.0 schema and its rules) with no error, for paths given with
// `..` and `.` segments, spaces, files outside the repository, standard
// input, projects with compose files, syntax errors and rules with docs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dockwrightBinary, root, run, scratch } from "./tools.mjs";

const multitool = join(root, "node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");

function validate(log, where) {
  if (!(statSync(multitool).mode & 0o100)) chmodSync(multitool, 0o755);
  const file = join(where, "dockwright.sarif");
  writeFileSync(file, log);
  const out = run(multitool, ["validate", file]);
  const report = out.stdout + out.stderr;
  const errors = report.split("\n").filter((line) => /: error [A-Z]+\d+/.test(line));
  return { status: out.status, errors, report };
}

const project = {
  "Dockerfile": "FROM ubuntu\nRUN apt-get install -y curl\nCOPY . /app\n",
  "api dir/Dockerfile": "FROM node:22\nFROB x\nCMD node server.js\n",
  "compose.yaml": "version: '3'\nservices:\n  api:\n    build: ./api dir\n    ports:\n      - 80:80\n",
  ".dockerignore": "node_modules\n",
};

test("SARIF logs pass Microsoft's SARIF multitool", { skip: !existsSync(multitool) && "npm ci installs the SARIF multitool" }, () => {
  const dockwright = dockwrightBinary();
  const repo = scratch(project, { git: true });
  const outside = scratch({ "Dockerfile": "FROM alpine\nMAINTAINER me\n" });
  const runs = [
    { cwd: repo, args: ["."] },
    { cwd: join(repo, "api dir"), args: ["../api dir/./Dockerfile", "../compose.yaml"] },
    { cwd: repo, args: ["-f", "compose.yaml"] },
    { cwd: repo, args: [join(outside, "Dockerfile")] },
    { cwd: repo, args: ["-"], input: "FROM alpine\nRUN cd /x && make\n" },
  ];
  let results = 0;
  for (const { cwd, args, input } of runs) {
    const out = run(dockwright, ["lint", "--format", "sarif", "--failure-threshold", "none", ...args], { cwd, input });
    assert.equal(out.status, 0, out.stderr);
    const log = JSON.parse(out.stdout);
    results += log.runs[0].results.length;
    for (const result of log.runs[0].results) {
      const uri = result.locations[0].physicalLocation.artifactLocation.uri;
      assert.ok(!/(^|\/)\.\.?(\/|$)/.test(uri), `no . or .. segment: ${uri}`);
    }
    const { errors, report } = validate(out.stdout, cwd);
    assert.deepEqual(errors, [], `lint ${args.join(" ")}:\n${report}`);
  }
  assert.ok(results > 10, `the logs hold findings (${results})`);
});

test("locations are relative to the repository root, under %SRCROOT%", () => {
  const dockwright = dockwrightBinary();
  const repo = scratch(project, { git: true });
  const out = run(dockwright, ["lint", "--format", "sarif", "../api dir/Dockerfile"], { cwd: join(repo, "api dir") });
  const log = JSON.parse(out.stdout);
  const location = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
  assert.deepEqual(location, { uri: "api%20dir/Dockerfile", uriBaseId: "%SRCROOT%" });
  assert.match(log.runs[0].originalUriBaseIds["%SRCROOT%"].uri, /^file:\/\/\/.*\/$/);
  assert.equal(readFileSync(join(repo, "api dir/Dockerfile"), "utf8"), project["api dir/Dockerfile"]);
});
