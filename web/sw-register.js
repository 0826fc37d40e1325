// Registers the service worker (offline use from the second visit) and,
// when a new version of the site has been downloaded, offers to reload.
(() => {
  if (!("serviceWorker" in navigator)) return;
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading) location.reload();
  });

  function offer(worker) {
    if (document.getElementById("update-prompt")) return;
    const bar = document.createElement("div");
    bar.id = "update-prompt";
    bar.className = "update-prompt";
    bar.setAttribute("role", "status");
    const text = document.createElement("span");
    text.textContent = "A new version of Dockwright is ready.";
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload";
    reload.addEventListener("click", () => {
      reloading = true;
      worker.postMessage("skip-waiting");
    });
    const later = document.createElement("button");
    later.type = "button";
    later.textContent = "Later";
    later.addEventListener("click", () => bar.remove());
    bar.append(text, reload, later);
    document.body.append(bar);
  }

  window.addEventListener("load", () => {
    navigator.serviceWorker
      .register("sw.js")
      .then((registration) => {
        // Only an update (a page already controlled) is offered; the first
        // install simply takes over.
        if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
        registration.addEventListener("updatefound", () => {
          const worker = registration.installing;
          worker?.addEventListener("statechange", () => {
            if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
          });
        });
      })
      .catch(() => {});
  });
})();
