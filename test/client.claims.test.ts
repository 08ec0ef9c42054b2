import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { client, destroyClients, freshIndexedDB } from './client.helpers';

beforeEach(freshIndexedDB);
afterEach(destroyClients);

describe('claimCelebration', () => {
  it('is true exactly once per milestone, also after a reload', async () => {
    const a = client();
    await a.wm.ready;
    expect(await a.wm.claimCelebration('first-project')).toBe(true);
    expect(await a.wm.claimCelebration('first-project')).toBe(false);
    expect(await a.wm.claimCelebration('five-tasks')).toBe(true);
    a.wm.destroy();
    const b = client();
    expect(await b.wm.claimCelebration('first-project')).toBe(false);
    expect(await b.wm.claimCelebration('invite')).toBe(true);
  });

  it('is true exactly once when two clients on one IndexedDB ask at the same moment', async () => {
    const first = client();
    await first.wm.ready;
    await first.wm.flush();
    const tabs = [first, client(), client()];
    await Promise.all(tabs.map((t) => t.wm.ready));
    const ids = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const results = await Promise.all(ids.flatMap((id) => tabs.map((t) => t.wm.claimCelebration(id))));
    for (let i = 0; i < ids.length; i++) expect(results.slice(i * 3, i * 3 + 3).filter(Boolean)).toHaveLength(1);
  });
});
