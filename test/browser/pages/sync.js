// Queued before load: errors are recorded, then init() with an endpoint on this origin and one track.
window.__errors = [];
waymark.on('error', (e) => {
  window.__errors.push(`${e.code}: ${e.message}`);
});
waymark.init({
  projectKey: 'pk_sync',
  endpoint: '/api',
  launcher: false,
  milestones: [{ id: 'open', title: 'Open the app', rule: { event: 'opened' }, celebrate: 'none' }],
});
waymark.track('opened');
