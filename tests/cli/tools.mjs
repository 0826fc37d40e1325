// Shared helpers of the command-line tests: the built binary, scratch
// folders, and running a program with its output kept.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The binary `cargo build -p dockwright-cli` (or `./dev test`'s cargo test) made. */
export function dockwrightBinary() {
  const built = spawnSync("cargo", ["build", "--quiet", "-p", "dockwright-cli"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) throw new Error("cargo build -p dockwright-cli failed");
  return join(root, "target/debug/dockwright");
}

export function run(program, args, options = {}) {
  const out = spawnSync(program, args, { encoding: "utf8", maxBuffer: 64 << 20, ...options });
  if (out.error) throw out.error;
  return out;
}

/** A scratch folder holding `files` (path → text); `git` makes it a repository. */
export function scratch(files, { git = false, name = "dockwright-" } = {}) {
  const dir = mkdtempSync(join(tmpdir(), name));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  if (git) {
    for (const args of [["init", "-q", "-b", "main"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "fixture"]]) {
      const out = run("git", args, { cwd: dir });
      if (out.status !== 0) throw new Error(`git ${args.join(" ")}: ${out.stderr}`);
    }
  }
  return dir;
}
