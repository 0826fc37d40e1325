// Adds a Content-Security-Policy to the built index.html (release builds):
// scripts only from the site itself and the one inline module trunk writes
// (allowed by its hash, computed here after the build), WebAssembly, and no
// connection, frame, form or plugin anywhere else. Styles may be inline:
// CodeMirror writes its own style elements.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this as a trunk post_build hook");
if (process.env.TRUNK_PROFILE !== "debug") {
  const file = join(staging, "index.html");
  let html = readFileSync(file, "utf8");
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`,
  );
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  html = html.replace(/<meta charset="utf-8" \/>/, `$&\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
  if (!html.includes("Content-Security-Policy")) throw new Error("index.html has no <meta charset> to put the policy after");
  writeFileSync(file, html);
}
