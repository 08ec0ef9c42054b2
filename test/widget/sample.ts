import { fakeClient, level, milestone } from './fakeClient';

const DAY = 86_400_000;

/** A realistic product state: one level mostly done, one locked, an overdue step. */
export const sampleClient = (now = Date.parse('2026-11-20T10:00:00Z')) => {
  const ms = [
    milestone('first-project', {
      title: 'Create your first project',
      description: 'Give your team a home for its work.',
      stage: 'onboarding',
      level: 'getting-started',
      status: 'achieved',
      current: 1,
      target: 1,
      ratio: 1,
      achievedAt: now - 9 * DAY,
      badge: { name: 'Launched', icon: '🚀' },
    }),
    milestone('invite-teammate', {
      title: 'Invite a teammate',
      level: 'getting-started',
      status: 'achieved',
      current: 1,
      target: 1,
      ratio: 1,
      achievedAt: now - 6 * DAY,
      badge: { name: 'Team player', icon: '🤝' },
    }),
    milestone('ten-tasks', {
      title: 'Complete 10 tasks',
      description: 'Teams that finish 10 tasks in week one stay 3x longer.',
      level: 'getting-started',
      current: 7,
      target: 10,
      ratio: 0.7,
      badge: { name: 'Productive', icon: '🏅' },
      next: { label: 'Open your tasks', href: '/tasks' },
      value: { units: 7, minutesSaved: 70, moneySaved: 35, currency: 'USD' },
      benchmark: { typicalDays: 21, percentile: 80 },
    }),
    milestone('connect-slack', {
      title: 'Connect Slack',
      description: 'Get task updates where your team already talks.',
      level: 'power-user',
      status: 'overdue',
      current: 0,
      target: 1,
      ratio: 0,
      due: now - 2 * DAY,
      next: { label: 'Connect Slack', href: 'https://example.com/integrations/slack' },
    }),
    milestone('automate', {
      title: 'Automate a workflow',
      level: 'power-user',
      status: 'locked',
      current: 0,
      target: 3,
      ratio: 0,
      lockedBy: ['ten-tasks'],
      badge: { name: 'Automator', icon: '⚙️' },
      next: { label: 'Create an automation', href: '/automations/new' },
      value: { units: 0, minutesSaved: 0 },
    }),
    milestone('saved-hours', {
      title: 'Save 80 hours of busywork',
      current: 4980,
      target: 4800,
      ratio: 1,
      status: 'achieved',
      achievedAt: now - DAY,
      value: { units: 498, minutesSaved: 4980, moneySaved: 2490, currency: 'USD' },
    }),
  ];
  const levels = [
    level('getting-started', ms.slice(0, 3), { title: 'Getting started', badge: { name: 'Onboarded', icon: '🎓' } }),
    level('power-user', ms.slice(3, 5), { title: 'Power user' }),
  ];
  return fakeClient(ms, levels);
};
