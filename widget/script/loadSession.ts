import { createSession } from '../../src/createSession';
import type { loadSession as load } from '../../src/loadSession';

/**
 * The script-tag build's `loadSession` (it replaces `src/loadSession.ts` there): the session is in the same file, and a
 * static import lets the bundler hoist it flat instead of wrapping every module in a lazy initialiser (0.35 KB less).
 *
 * @example
 * const { createSession } = await loadSession();
 */
export const loadSession: typeof load = async () => ({ createSession });
