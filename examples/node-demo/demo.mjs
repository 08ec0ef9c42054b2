// A terminal walk-through of the engine: the same definitions the browser uses, evaluated in Node with memory storage.
import { createWaymark } from '../../dist/index.js';
import milestonesJson from './milestones.json' with { type: 'json' };

const day = 864e5;
let clock = Date.parse('2026-11-02T09:00:00');
const wm = createWaymark({ projectKey: 'pk_demo', storage: 'memory', now: () => clock, ...milestonesJson });

const bar = (ratio) => '█'.repeat(Math.round(ratio * 20)).padEnd(20, '░');
const show = () => {
  for (const level of wm.levels()) {
    console.log(`\n  ${level.title} · ${level.achieved} of ${level.total}${level.locked ? '  (locked)' : ''}`);
    for (const id of level.milestones) {
      const m = wm.milestone(id);
      console.log(
        `    ${m.status === 'achieved' ? '✔' : m.status === 'locked' ? '🔒' : '○'} ${m.title.padEnd(28)} ${bar(m.ratio)} ${m.current} / ${m.target}  ${m.status}`,
      );
    }
  }
  const roi = wm.milestone('resolve-500');
  if (roi?.value)
    console.log(
      `\n  ROI: ${roi.value.units} tickets ≈ ${(roi.value.minutesSaved / 60).toFixed(1)} hours saved · $${roi.value.moneySaved.toFixed(0)}`,
    );
};

wm.on('achieved', (m) =>
  console.log(`  🎉 Milestone achieved: ${m.title}${m.badge ? `  ${m.badge.icon ?? ''} ${m.badge.name}` : ''}`),
);
wm.on('unlocked', (m) => console.log(`  🔓 Now available: ${m.title}`));
wm.on('stalled', (m, info) => console.log(`  ⏳ Stalled (${info.reason}): ${m.title}`));
await wm.ready;

const step = (title, fn) => {
  console.log(`\n▶ ${title}`);
  fn();
};
step('The user creates a project and adds five tasks', () => {
  wm.track('project_created');
  for (let i = 0; i < 5; i++) wm.track('task_added');
});
step('They invite a teammate', () => wm.track('member_invited'));
step('They complete 10 tasks across 3 features and resolve 40 tickets', () => {
  for (let i = 0; i < 10; i++) wm.track('task_completed', { feature: ['kanban', 'calendar', 'docs'][i % 3] });
  for (let i = 0; i < 40; i++) wm.track('ticket_resolved');
});
step('Two weeks pass without a new project', () => {
  clock += 15 * day;
  wm.track('task_added');
});
show();
wm.destroy();
