import type { LevelDefinition, MilestoneDefinition } from '../../src/index';

/** The example's definitions: two levels of a project-management app's onboarding. */
export const milestones: MilestoneDefinition[] = [
  { id: 'first-project', title: 'Create your first project', rule: { event: 'project_created' }, badge: { name: 'Launched', icon: '🚀' }, celebrate: 'toast' },
  { id: 'five-tasks', title: 'Add 5 tasks', rule: { event: 'task_completed', count: 5 } },
  { id: 'invite-teammate', title: 'Invite a teammate', rule: { event: 'teammate_invited' }, badge: { name: 'Team player', icon: '🤝' } },
  {
    id: 'ten-tasks',
    title: 'Complete 10 tasks',
    rule: { event: 'task_completed', count: 10 },
    badge: { name: 'Productive', icon: '🏅' },
    celebrate: 'confetti',
  },
];

export const levels: LevelDefinition[] = [
  { id: 'getting-started', title: 'Getting started', milestones: ['first-project', 'five-tasks', 'invite-teammate'], badge: { name: 'Organized' } },
  { id: 'momentum', title: 'Building momentum', milestones: ['ten-tasks'], sequential: true },
];
