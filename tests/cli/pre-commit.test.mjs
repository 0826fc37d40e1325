// The pre-commit hooks of .pre-commit-hooks.yaml, installed by pre-commit
// itself from a clone of this repository at its current commit, run on a
// fixture repository: they fail on a finding and on an unformatted file,
// name both, and pass once the files are fixed and formatted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { root, run, scratch } from "./tools.mjs";

const preCommit = process.env.PRE_COMMIT ?? join(homedir(), ".cache/dockwright-tools/pre-commit/bin/pre-commit");
const head = run("git", ["rev-parse", "HEAD"], { cwd: root }).stdout.trim();
const changed = run("git", ["status", "--porcelain", "--", ".pre-commit-hooks.yaml", "tools/pre-commit-hook.sh"], { cwd: root }).stdout.trim();

test(
  "pre-commit installs and runs dockwright-lint and dockwright-fmt",
  {
    timeout: 15 * 60_000,
    skip: !existsSync(preCommit)
      ? "`./dev setup` installs pre-commit"
      : changed
        ? "the hook files have uncommitted changes; pre-commit installs from a commit"
        : false,
  },
  () => {
    const repo = scratch(
      {
        "Dockerfile": "FROM alpine:3.20\nRUN apk add curl\n",
        "compose.yaml": "services:\n    web:\n        image: nginx:1.27\n",
        "README.md": "not checked\n",
        ".pre-commit-config.yaml": [
          "repos:",
          `  - repo: ${root}`,
          `    rev: ${head}`,
          "    hooks:",
          "      - id: dockwright-lint",
          "      - id: dockwright-fmt",
          "",
        ].join("\n"),
      },
      { git: true },
    );
    // pre-commit's own cache under the build folder: the hook's build is kept between runs.
    const env = { ...process.env, PRE_COMMIT_HOME: join(root, "target/pre-commit-home"), NO_COLOR: "1" };
    const first = run(preCommit, ["run", "--all-files", "--color", "never"], { cwd: repo, env });
    const report = first.stdout + first.stderr;
    assert.equal(first.status, 1, report);
    assert.match(report, /dockwright lint\.+Failed/, report);
    assert.match(report, /Dockerfile:2:\d+: warning DL3018: /, report);
    assert.match(report, /dockwright fmt --check\.+Failed/, report);
    assert.match(report, /compose\.yaml: would be reformatted/, report);
    assert.doesNotMatch(report, /README/, report);

    writeFileSync(join(repo, "Dockerfile"), "FROM alpine:3.20\nRUN apk add --no-cache curl=8.12.1-r0\n");
    writeFileSync(join(repo, "compose.yaml"), "services:\n  web:\n    image: nginx:1.27\n");
    const second = run(preCommit, ["run", "--all-files", "--color", "never"], { cwd: repo, env });
    const again = second.stdout + second.stderr;
    assert.equal(second.status, 0, again);
    assert.match(again, /dockwright lint\.+Passed/, again);
    assert.match(again, /dockwright fmt --check\.+Passed/, again);
  },
);
