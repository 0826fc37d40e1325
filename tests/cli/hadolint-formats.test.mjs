// Drop-in for hadolint: on the same Dockerfile, our json, checkstyle,
// codeclimate and gitlab outputs have hadolint's shape (the same fields, the
// same nesting, the same severities) and the same findings for the rules
// both have. Needs hadolint (HADOLINT, else ../shared/tools/peers/setup.sh's
// default place); skipped without it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { dockwrightBinary, run, scratch } from "./tools.mjs";

const hadolint = process.env.HADOLINT ?? "/tmp/peers/venv/bin/hadolint";
const dockerfile = "FROM ubuntu\nRUN apt-get update && apt-get install -y curl\nMAINTAINER me\n";

// The shape of a JSON value: its keys, nested, with the types of leaves.
const shape = (value) =>
  Array.isArray(value)
    ? [shape(value[0])]
    : value && typeof value === "object"
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape(value[k])]))
      : typeof value;

test("json, checkstyle, codeclimate and gitlab have hadolint's shape", { skip: !existsSync(hadolint) && `no hadolint at ${hadolint} (set HADOLINT)` }, () => {
  const dockwright = dockwrightBinary();
  const dir = scratch({ Dockerfile: dockerfile });
  const theirs = (format) => run(hadolint, ["--no-fail", "--format", format, "Dockerfile"], { cwd: dir }).stdout;
  const ours = (format) => run(dockwright, ["lint", "--failure-threshold", "none", "--format", format, "Dockerfile"], { cwd: dir }).stdout;
  const common = (findings, key) => findings.filter((f) => ["DL3006", "DL3008", "DL3009", "DL3015", "DL4000"].includes(key(f)));

  // json: every field hadolint writes, with its value for the same finding.
  const hadolintJson = JSON.parse(theirs("json"));
  const ourJson = JSON.parse(ours("json"));
  for (const finding of common(hadolintJson, (f) => f.code)) {
    const match = ourJson.find((f) => f.code === finding.code && f.line === finding.line);
    assert.ok(match, `we find ${finding.code} on line ${finding.line}`);
    for (const key of ["file", "line", "level", "code"]) assert.equal(match[key], finding[key], `${finding.code}.${key}`);
  }

  // gitlab (gitlab_codeclimate): the same nesting.
  const hadolintGitlab = JSON.parse(theirs("gitlab_codeclimate"));
  const ourGitlab = JSON.parse(ours("gitlab_codeclimate"));
  const withPositions = (issues) => issues.map((i) => ({ ...i, location: { path: i.location.path, positions: { begin: { line: 1, column: 1 }, end: { line: 1, column: 1 } } } }));
  assert.deepEqual(shape(withPositions(ourGitlab)), shape(withPositions(hadolintGitlab)));
  for (const issue of common(hadolintGitlab, (i) => i.check_name)) {
    const match = ourGitlab.find((i) => i.check_name === issue.check_name);
    assert.equal(match.severity, issue.severity, issue.check_name);
  }
  assert.equal(new Set(ourGitlab.map((i) => i.fingerprint)).size, ourGitlab.length, "fingerprints are unique");

  // codeclimate: NUL-separated issues of the same shape.
  const issues = (text) => text.split("\0").filter(Boolean).map((t) => JSON.parse(t));
  const theirIssues = issues(theirs("codeclimate"));
  const ourIssues = issues(ours("codeclimate"));
  assert.ok(ourIssues.length >= common(theirIssues, (i) => i.check_name).length);
  assert.deepEqual(Object.keys(ourIssues[0]).sort(), Object.keys(theirIssues[0]).sort());

  // checkstyle: <error> with hadolint's attributes, source = the bare code.
  const attributes = (xml) => new Set([...xml.matchAll(/<error ([^>]*)\/>/g)].flatMap(([, a]) => [...a.matchAll(/(\w+)="/g)].map(([, n]) => n)));
  assert.deepEqual([...attributes(ours("checkstyle"))].sort(), [...attributes(theirs("checkstyle"))].sort());
  assert.match(ours("checkstyle"), /source="DL4000"/);
});
