import type { loadSync as load } from '../../src/loadSync';
import { loadSibling } from './loadSibling';

/**
 * The script-tag build's `loadSync` (it replaces `src/loadSync.ts` there): the sync comes from `waymark.sync.js` beside
 * `waymark.global.js`, only when an `endpoint` is set.
 *
 * @example
 * const { createSync } = await loadSync();
 */
export const loadSync: typeof load = () => loadSibling('sync');
