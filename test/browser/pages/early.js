// Runs before waymark.global.js has loaded: these calls go into the stub's queue.
window.__achieved = [];
waymark.on('achieved', (m) => {
  window.__achieved.push(m.id);
});
waymark.track('project_created');
