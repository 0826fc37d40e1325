// @dockwright/engine under Node, installed from its packed tarball: ES
// module and CommonJS entries, every function, errors for bad arguments,
// the same findings as the `dockwright` command, and its TypeScript types
// compiled in strict mode against a user's program.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { installed, root } from "./package.mjs";

const project = installed();
const engine = await import(join(project, "node_modules/@dockwright/engine/node/index.mjs"));
// By name, through the package's `exports`, as a user imports it.
const byName = (code) => execFileSync("node", ["--input-type=module", "-e", code], { cwd: project, encoding: "utf8" });

const dockerfile = "FROM ubuntu\nRUN apt-get update && apt-get install -y curl\nFROB x\nCMD node app.js\n";

test("import and require by the package's name both give the engine", () => {
  assert.equal(byName(`import { version, lint } from "@dockwright/engine"; console.log(version(), typeof lint)`).trim(), "0.1.0 function");
  const require = createRequire(join(project, "index.js"));
  const cjs = require("@dockwright/engine");
  assert.equal(typeof cjs.renderPattern, "function");
  assert.equal(cjs.lint([{ path: "Dockerfile", text: "FROM alpine:3.20\n" }]).length, 0);
});

test("lint gives the findings the dockwright command gives", () => {
  const findings = engine.lint([{ path: "Dockerfile", text: dockerfile }]);
  const cli = spawnSync("cargo", ["run", "--quiet", "-p", "dockwright-cli", "--", "lint", "--format", "json", "--kind", "dockerfile", "-"], {
    cwd: root,
    input: dockerfile,
    encoding: "utf8",
  });
  const expected = JSON.parse(cli.stdout).map((f) => [f.code, f.line, f.column, f.end_line, f.end_column, f.severity, f.message]);
  assert.deepEqual(
    findings.map((f) => [f.code, f.line, f.column, f.endLine, f.endColumn, f.severity, f.message]),
    expected,
  );
  const frob = findings.find((f) => f.code === "build-error");
  assert.equal(dockerfile.slice(frob.from, frob.to), "FROB");
  const fixable = findings.find((f) => f.code === "DL3015");
  assert.equal(fixable.fix.edits[0].text.trim(), "--no-install-recommends");
});

test("several files are one project; settings as YAML text or as an object", () => {
  const files = {
    "compose.yaml": "services:\n  web:\n    build:\n      context: .\n      target: prod\n",
    "Dockerfile": "FROM node:22.11.0 AS build\n",
  };
  const findings = engine.lint(files);
  assert.ok(findings.some((f) => f.file === "compose.yaml" && /prod/.test(f.message)), JSON.stringify(findings));
  const all = engine.lint([{ path: "Dockerfile", text: dockerfile }]);
  const asText = engine.lint([{ path: "Dockerfile", text: dockerfile }], "ignored: [DL3008]\n");
  const asObject = engine.lint([{ path: "Dockerfile", text: dockerfile }], { ignored: ["DL3008"] });
  assert.ok(all.some((f) => f.code === "DL3008"));
  assert.deepEqual(asText, asObject);
  assert.equal(asText.length, all.length - 1);
  assert.throws(() => engine.lint([{ path: "Dockerfile", text: "" }], "ignored: 3\n"), /settings:1:10: ignored takes a list/);
});

test("fix, format, rules, patterns and renderPattern", () => {
  const fixed = engine.fix({ path: "Dockerfile", text: "FROM alpine:3.20\nMAINTAINER me\n" });
  assert.match(fixed.text, /^LABEL/m);
  assert.deepEqual(fixed.applied, ["DL4000"]);
  assert.equal(engine.format({ path: "compose.yaml", text: "services:\n    web:\n        image: nginx:1.27\n" }), "services:\n  web:\n    image: nginx:1.27\n");
  assert.throws(() => engine.format({ path: "Dockerfile", text: "FROM alpine\nENV a=1 b 2\n" }), /Dockerfile:2:\d+: not formatted/);
  const rules = engine.rules();
  const dl3008 = rules.find((r) => r.code === "DL3008");
  assert.equal(dl3008.origin, "hadolint");
  assert.match(dl3008.docs, /## /);
  const patterns = engine.patterns();
  assert.ok(patterns.length >= 10);
  const fullstack = patterns.find((p) => p.id === "fullstack");
  assert.ok(fullstack.params.length > 0);
  const files = engine.renderPattern("fullstack", {});
  assert.ok(files.some((f) => f.path === "compose.yaml" && f.notes.length > 0));
  // What the catalogue renders lints clean.
  assert.deepEqual(engine.lint(Object.fromEntries(files.map((f) => [f.path, f.text]))).filter((f) => f.severity !== "style"), []);
  assert.throws(() => engine.renderPattern("nope"), /no pattern 'nope'; the patterns are/);
});

test("bad arguments throw an Error that says what was expected", () => {
  assert.throws(() => engine.lint(42), (e) => e instanceof Error && /files: an array of \{ path, text \}/.test(e.message));
  assert.throws(() => engine.fix({ text: "x" }), /file: \{ path, text \}/);
  assert.throws(() => engine.lint([{ path: "Dockerfile", text: "" }], undefined, { profiles: "dev" }), /options/);
  // Broken text never throws: it gives findings.
  assert.ok(engine.lint([{ path: "compose.yaml", text: "services: [\n  - {" }]).some((f) => f.severity === "error"));
});

test("the TypeScript types describe the API (tsc --strict)", () => {
  writeFileSync(
    join(project, "check.ts"),
    `import { lint, fix, format, renderPattern, rules, type Finding, type Rule } from "@dockwright/engine";
const findings: Finding[] = lint([{ path: "Dockerfile", text: "FROM alpine\\n" }], { ignored: ["DL3006"] }, { profiles: ["dev"] });
const first: string | undefined = findings[0]?.fix?.edits[0]?.text;
const code: string = rules().map((r: Rule) => r.code)[0];
const fixed: string = fix({ path: "Dockerfile", text: "" }, undefined, ["DL4000"]).text;
const formatted: string = format({ path: "compose.yaml", text: "", kind: "compose" }, "continuation-indent: 2");
const notes: number = renderPattern("nextjs", { packageManager: "pnpm" })[0].notes[0].line;
// @ts-expect-error: a severity is one of four words
const wrong: Finding["severity"] = "fatal";
console.log(first, code, fixed, formatted, notes, wrong);
`,
  );
  const tsc = spawnSync(join(root, "node_modules/.bin/tsc"), ["--strict", "--noEmit", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "check.ts"], {
    cwd: project,
    encoding: "utf8",
  });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});
