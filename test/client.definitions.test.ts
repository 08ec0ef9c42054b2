import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { client, destroyClients, freshIndexedDB } from './client.helpers';

beforeEach(freshIndexedDB);
afterEach(destroyClients);

describe('setDefinitions', () => {
  it('replaces definitions at runtime, keeping progress and achievements', async () => {
    const { wm, achieved, errors } = client();
    await wm.ready;
    wm.track('project_created');
    wm.track('task_added');
    wm.track('task_added');
    wm.setDefinitions({
      milestones: [
        { id: 'first-project', title: 'Start a project', rule: { event: 'project_created', count: 5 } },
        { id: 'five-tasks', title: 'Add 3 tasks', rule: { event: 'task_added', count: 3 } },
        { id: 'bad', title: 'Bad', rule: { event: 'x', streak: 0 } },
      ],
      levels: [{ id: 'l', title: 'Level', milestones: ['first-project', 'five-tasks'] }],
    });
    expect(wm.milestone('first-project')).toMatchObject({ title: 'Start a project', status: 'achieved' });
    expect(wm.milestone('five-tasks')).toMatchObject({ current: 2, target: 3, status: 'active' });
    expect(wm.levels()).toMatchObject([{ id: 'l', achieved: 1, total: 2 }]);
    expect(errors).toEqual([
      { code: 'invalid_definition', path: 'milestones[2].rule.streak', message: expect.any(String) },
    ]);
    wm.track('task_added');
    expect(achieved).toEqual(['first-project', 'five-tasks']);
  });
});

describe('setDefinitions with something that is not definitions', () => {
  it('keeps the current definitions and reports', async () => {
    const { wm, errors } = client();
    await wm.ready;
    wm.setDefinitions('milestones.json' as any);
    expect(wm.milestones()).toHaveLength(3);
    expect(errors).toMatchObject([{ code: 'invalid_definition' }]);
  });
});

describe('a typo inside a rule', () => {
  it('rejects that milestone (it would be achieved after one event) and names the key, keeping the others', async () => {
    const { wm, errors, achieved } = client({
      milestones: [
        { id: 'ten-tasks', title: 'Complete 10 tasks', rule: { event: 'task_completed', cuont: 10 } as never },
        { id: 'first-project', title: 'Create your first project', rule: { event: 'project_created' } },
      ],
    });
    await wm.ready;
    wm.track('task_completed');
    wm.track('project_created');
    await wm.flush();
    expect(wm.milestones().map((m) => m.id)).toEqual(['first-project']);
    expect(achieved).toEqual(['first-project']);
    expect(errors).toContainEqual({
      code: 'invalid_definition',
      path: 'milestones[0].rule.cuont',
      message: 'unknown rule key "cuont" (did you mean "count"?)',
    });
  });
});
