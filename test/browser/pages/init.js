// Queued before load: init() with inline definitions and no floating launcher, then a track.
waymark.track('opened');
waymark.init({
  projectKey: 'pk_init',
  launcher: false,
  milestones: [
    { id: 'open', title: 'Open the app', rule: { event: 'opened' }, celebrate: 'toast' },
    { id: 'three', title: 'Open it three times', rule: { event: 'opened', count: 3 } },
  ],
  levels: [{ id: 'basics', title: 'Basics', milestones: ['open', 'three'] }],
});
