// Applies the saved theme (light, dark, or the system's) before the page
// draws, so that it never flashes the other one.
(() => {
  const saved = localStorage.getItem("dockwright.theme");
  if (saved === "light" || saved === "dark") document.documentElement.dataset.theme = saved;
})();
