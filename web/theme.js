// Applies the saved theme (light, dark, or the system's) before the page
// draws, so that it never flashes the other one.
(() => {
  const saved = localStorage.getItem("dockwright.theme");
  if (saved === "light" || saved === "dark") document.documentElement.dataset.theme = saved;
  // An embedded widget (?embed) draws no page frame while it loads.
  if (/(^|[?&])embed(=|&|$)/.test(location.search.slice(1))) document.documentElement.classList.add("embedded");
})();
