import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { client, destroyClients, freshIndexedDB } from './client.helpers';

beforeEach(freshIndexedDB);
afterEach(destroyClients);

describe('users', () => {
  it('carries anonymous progress and celebration claims over to the identified user', async () => {
    const { wm } = client();
    await wm.ready;
    wm.track('project_created');
    wm.track('task_added');
    expect(await wm.claimCelebration('first-project')).toBe(true);
    wm.identify('u_1', { plan: 'pro' });
    await wm.flush();
    expect(wm.milestone('first-project')!.status).toBe('achieved');
    expect(wm.milestone('five-tasks')!.current).toBe(1);
    expect(await wm.claimCelebration('first-project')).toBe(false);
    wm.destroy();

    // A reload as the identified user finds the same progress.
    const again = client();
    await again.wm.ready;
    expect(again.wm.milestone('five-tasks')!.current).toBe(1);
  });

  it('merges anonymous progress into a user who already has progress on this browser', async () => {
    const { wm } = client({ userId: 'u_1' });
    await wm.ready;
    wm.track('task_added');
    wm.track('task_added');
    await wm.reset();
    wm.track('task_added'); // anonymous now
    expect(wm.milestone('five-tasks')!.current).toBe(1);
    wm.identify('u_2');
    wm.track('task_added');
    await wm.flush();
    expect(wm.milestone('five-tasks')!.current).toBe(2);
  });

  it('gives another user on the same browser a clean start, and each user their own progress back', async () => {
    const { wm, achieved } = client({ userId: 'alice' });
    await wm.ready;
    wm.track('project_created');
    wm.identify('bob');
    await wm.flush();
    expect(wm.milestone('first-project')!.status).toBe('active');
    wm.track('task_added');
    wm.identify('alice');
    await wm.flush();
    expect(wm.milestone('first-project')!.status).toBe('achieved');
    expect(wm.milestone('five-tasks')!.current).toBe(0);
    expect(achieved).toEqual(['first-project']);
  });

  it('reset() deletes the user state and claims, and starts a new anonymous user', async () => {
    const { wm } = client({ userId: 'alice' });
    await wm.ready;
    wm.track('project_created');
    expect(await wm.claimCelebration('first-project')).toBe(true);
    await wm.reset();
    expect(wm.milestone('first-project')!.status).toBe('active');
    wm.identify('alice');
    await wm.flush();
    expect(wm.milestone('first-project')!.status).toBe('active');
    expect(await wm.claimCelebration('first-project')).toBe(true);
  });

  it('applies segment traits from options and identify()', async () => {
    const milestones = [
      { id: 'all', title: 'All', rule: { event: 'a' } },
      { id: 'pro', title: 'Pro', rule: { event: 'a' }, segment: { plan: ['pro'] } },
    ];
    const { wm } = client({ milestones, traits: { plan: 'free' } });
    await wm.ready;
    expect(wm.milestones().map((m) => m.id)).toEqual(['all']);
    wm.identify('u', { plan: 'pro' });
    await wm.flush();
    expect(wm.milestones().map((m) => m.id)).toEqual(['all', 'pro']);
  });
});
