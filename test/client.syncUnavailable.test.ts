import { expect, it, vi } from 'vitest';
import { client } from './client.helpers';

// The ESM build loads the sync as a chunk of its own; when that chunk is gone (a stale deploy, say) the import rejects.
vi.mock('../src/loadSync', () => ({
  loadSync: () => Promise.reject(new Error('could not load https://app.example/assets/syncParts-1a2b3c.js')),
}));

it('a sync that cannot be loaded costs the sending, not the progress: one sync_unavailable error', async () => {
  const transport = vi.fn();
  const { wm, errors, achieved } = client({ storage: 'memory', endpoint: 'https://api.example.com', transport });
  wm.track('project_created');
  await wm.ready;
  await wm.flush();
  expect(achieved).toEqual(['first-project']);
  expect(wm.milestone('first-project')?.status).toBe('achieved');
  expect(errors).toEqual([
    {
      code: 'sync_unavailable',
      message:
        'could not load the sync, nothing is sent from this page: could not load https://app.example/assets/syncParts-1a2b3c.js',
    },
  ]);
  expect(transport).not.toHaveBeenCalled();
});
