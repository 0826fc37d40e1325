// Writes web/build/rules.json: every rule with its docs, from the engine
// itself (`dockwright rules --json`). The page loads it only when rule docs
// are opened, so the first load does not carry the docs. Run by trunk before
// each build.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const json = execFileSync(
  "cargo",
  ["run", "--offline", "--quiet", "-p", "dockwright-cli", "--", "rules", "--json"],
  { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 },
);
JSON.parse(json); // refuse to ship anything but JSON
mkdirSync(join(root, "web/build"), { recursive: true });
writeFileSync(join(root, "web/build/rules.json"), json);
