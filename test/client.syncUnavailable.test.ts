import { expect, it, vi } from 'vitest';
import { createClient } from '../src/client/createClient';
import * as sessionParts from '../src/sessionParts';
import type { WaymarkError } from '../src/types';
import { defs } from './client.helpers';

it('a sync that cannot be loaded costs the sending, not the progress: one sync_unavailable error', async () => {
  const transport = vi.fn();
  // The ESM build loads the sync as a chunk of its own; when that chunk is gone (a stale deploy, say) the import
  // rejects. The loader is handed in, so the test hands in one that rejects.
  const wm = createClient(
    { projectKey: 'pk_test', milestones: defs, storage: 'memory', endpoint: 'https://api.example.com', transport },
    {
      now: Date.now,
      loadSession: async () => sessionParts,
      loadSync: () => Promise.reject(new Error('could not load https://app.example/assets/syncParts-1a2b3c.js')),
    },
  );
  const errors: WaymarkError[] = [];
  const achieved: string[] = [];
  wm.on('error', (e) => errors.push(e));
  wm.on('achieved', (m) => achieved.push(m.id));
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
  wm.destroy();
});
