import type { LevelDefinition, MilestoneDefinition } from 'waymark';

/** The example's definitions: two levels of a project-management app's onboarding. */
export const milestones: MilestoneDefinition[] = [
  {
    id: 'first-project',
    title: 'Create your first project',
    rule: { event: 'project_created' },
    badge: { name: 'Launched', icon: '🚀' },
    // `next` is the call to action that gets the user to this milestone; a celebration suggests the next one's.
    next: { label: 'Create a project', href: '#projects' },
    celebrate: 'toast',
  },
  {
    id: 'five-tasks',
    title: 'Add 5 tasks',
    rule: { event: 'task_completed', count: 5 },
    next: { label: 'Complete a task', href: '#tasks' },
  },
  {
    id: 'invite-teammate',
    title: 'Invite a teammate',
    rule: { event: 'teammate_invited' },
    badge: { name: 'Team player', icon: '🤝' },
    next: { label: 'Invite a teammate', href: '#team' },
  },
  {
    id: 'ten-tasks',
    title: 'Complete 10 tasks',
    rule: { event: 'task_completed', count: 10 },
    badge: { name: 'Productive', icon: '🏅' },
    next: { label: 'Open your tasks', href: '#tasks' },
    celebrate: 'confetti',
  },
];

export const levels: LevelDefinition[] = [
  {
    id: 'getting-started',
    title: 'Getting started',
    milestones: ['first-project', 'five-tasks', 'invite-teammate'],
    badge: { name: 'Organized' },
  },
  { id: 'momentum', title: 'Building momentum', milestones: ['ten-tasks'], sequential: true },
];
