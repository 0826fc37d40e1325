// dockwright as a Docker CLI plugin, with Docker's own CLI: `dockwright
// docker-plugin` installs it, `docker --help` lists `lint`, `docker lint`
// lints and exits as `dockwright lint` does, and help names `docker lint`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { dockwrightBinary, run, scratch } from "./tools.mjs";

const docker = process.env.DOCKER_CLI ?? join(homedir(), ".cache/dockwright-tools/docker-cli/docker");

test("docker lint runs dockwright as a CLI plugin", { skip: !existsSync(docker) && "`./dev setup` extracts Docker's CLI" }, () => {
  const dockwright = dockwrightBinary();
  const project = scratch({ "Dockerfile": "FROM node:22\nFROB x\n" });
  const env = { ...process.env, DOCKER_CONFIG: join(project, ".docker"), NO_COLOR: "1" };

  const install = run(dockwright, ["docker-plugin"], { env });
  assert.equal(install.status, 0, install.stderr);
  assert.match(install.stdout, /docker-lint/);
  const again = run(dockwright, ["docker-plugin"], { env });
  assert.equal(again.status, 2, "it does not overwrite without --force");
  assert.match(again.stderr, /--force/);

  const listing = run(docker, ["--help"], { env });
  assert.match(listing.stdout, /lint\*\s+Lint Dockerfiles and compose files with dockwright/);

  const lint = run(docker, ["lint", "--format", "concise", "Dockerfile"], { cwd: project, env });
  assert.equal(lint.status, 1, lint.stderr);
  assert.match(lint.stdout, /Dockerfile:2:1: error build-error: unknown instruction: FROB/);

  const help = run(docker, ["lint", "--help"], { env });
  assert.match(help.stdout, /Usage: docker lint \[OPTIONS\]/);
});
