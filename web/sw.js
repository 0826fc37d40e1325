// Dockwright's service worker: precaches the whole site so the playground
// works offline from the second visit. The build fills in the cache name and
// the file list (web/build-sw.mjs); this file is the template.
const CACHE = "__CACHE_NAME__";
const PRECACHE = __PRECACHE__;

// A first install takes over at once; a new version waits until the page's
// "new version — reload" prompt says to (so an open page never mixes files
// of two versions).
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)));
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("dockwright-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // Pages are served from the cache too, whatever their query (?embed, …).
  const lookup = request.mode === "navigate" ? caches.match("./", { ignoreSearch: true }) : caches.match(request, { ignoreSearch: true });
  event.respondWith(lookup.then((cached) => cached || fetch(request)));
});
