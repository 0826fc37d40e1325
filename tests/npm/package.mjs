// The packed npm package (target/npm/*.tgz, made by `node npm/build.mjs`)
// installed into a scratch project, as a user installs it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const sizes = join(root, "target/npm/sizes.json");

/** The tarball's path, building the package first when it is missing. */
export function tarball() {
  if (!existsSync(sizes)) execFileSync("node", [join(root, "npm/build.mjs")], { stdio: "inherit" });
  return join(root, "target/npm", JSON.parse(readFileSync(sizes, "utf8")).tarball);
}

/** A scratch project with the package installed from its tarball. */
export function installed() {
  const dir = mkdtempSync(join(tmpdir(), "dockwright-npm-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "user", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball()], { cwd: dir, stdio: "inherit" });
  return dir;
}
