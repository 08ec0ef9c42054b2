/* waymark stub: queues calls until waymark.global.js has loaded, which replays them in order.
   Load it as an external file before the script tag (strict-CSP pages), or inline it. */
((w) => {
  var m = (w.waymark = w.waymark || { q: [] });
  if (!m.q) return; // the real API is already here
  'init track identify group setConsent on subscribe open close flush reset destroy'.split(' ').forEach((n) => {
    m[n] =
      m[n] ||
      function () {
        m.q.push([n].concat([].slice.call(arguments)));
      };
  });
})(window);
