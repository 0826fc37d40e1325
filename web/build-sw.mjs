// Writes sw.js into trunk's staging directory after each build.
// Release builds get the precaching worker with the list of every built file
// (trunk hashes file names, so the list only exists after the build) and a
// cache name derived from their contents. Debug builds get a worker that
// unregisters itself, so development never shows a stale page.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this as a trunk post_build hook");
const here = dirname(fileURLToPath(import.meta.url));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

if (process.env.TRUNK_PROFILE === "debug") {
  writeFileSync(
    join(staging, "sw.js"),
    `// Development build: remove any earlier worker and its caches.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(names.map((n) => caches.delete(n))))
    .then(() => self.registration.unregister()));
});
`,
  );
} else {
  const built = files(staging)
    .map((path) => relative(staging, path).split("\\").join("/"))
    .filter((path) => path !== "sw.js")
    // The docs widgets and their engine run on other sites' pages, not in
    // the playground: the playground's visitors need not download them.
    .filter((path) => !/^(embed[./-]|embed$)/.test(path) && !path.startsWith("embed/"))
    .sort();
  const hash = createHash("sha256");
  for (const path of built) hash.update(path).update(readFileSync(join(staging, path)));
  const precache = ["./", ...built.filter((p) => p !== "index.html")];
  const worker = readFileSync(join(here, "sw.js"), "utf8")
    .replace("__CACHE_NAME__", `dockwright-${hash.digest("hex").slice(0, 16)}`)
    .replace("__PRECACHE__", JSON.stringify(precache));
  writeFileSync(join(staging, "sw.js"), worker);
}
