// A minimal static file server for the built site, on 127.0.0.1 only.
// `prefix` serves the site under a sub-path, as a static host would;
// `compress` sends brotli to a browser that accepts it, as a static host
// does (for load measurements).
import { createServer } from "node:http";
import { brotliCompressSync } from "node:zlib";
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export async function serve(root, { prefix = "/", compress = false } = {}) {
  // Compressed before the first request, as a static host serves
  // precompressed files: compressing a megabyte of wasm at quality 11
  // takes seconds, which a load measurement would otherwise count.
  const compressed = new Map();
  if (compress) {
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      const file = join(entry.parentPath, entry.name);
      if (entry.isFile() && extname(file) !== ".png") compressed.set(file, brotliCompressSync(await readFile(file)));
    }
  }
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(prefix)) {
      response.writeHead(404).end("not found");
      return;
    }
    let path = normalize(decodeURIComponent(url.pathname.slice(prefix.length))).replace(/^(\.\.[/\\])+/, "");
    if (path === "" || path === "." || path.endsWith("/")) path = join(path, "index.html");
    const file = join(root, path);
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      let body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" };
      if (compress && /\bbr\b/.test(request.headers["accept-encoding"] ?? "") && extname(file) !== ".png") {
        body = compressed.get(file) ?? brotliCompressSync(body);
        headers["content-encoding"] = "br";
      }
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((resolve) => server.close(resolve)) };
}
