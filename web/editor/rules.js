// Rule docs are a separate file (rules.json, written at build time from the
// engine), fetched only when the page first shows a rule: the first load
// does not carry them, and the service worker keeps them for offline use.
window.DockwrightRules = {
  // done(text) with rules.json, or done(null) when it could not be loaded.
  load(done) {
    fetch("rules.json")
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then(done, () => done(null));
  },
};
