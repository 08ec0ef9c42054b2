/* waymark stub: queues calls until waymark.global.js has loaded, which replays them in order.
   Load it as an external file before the script tag (strict-CSP pages), or inline it. */
((w) => {
  w.waymark = w.waymark || { q: [] };
  const m = w.waymark;
  if (!m.q) return; // the real API is already here
  'init track identify group setConsent on subscribe open close flush reset destroy'.split(' ').forEach((n) => {
    m[n] =
      m[n] ||
      ((...args) => {
        m.q.push([n, ...args]);
      });
  });
})(window);
