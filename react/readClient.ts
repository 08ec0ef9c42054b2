import type { Waymark } from '../src/types';

const inert = {
  ready: Promise.resolve(),
  milestones: () => [],
  milestone: () => undefined,
  levels: () => [],
  subscribe: () => () => {},
} as unknown as Waymark;
const warned = new Set<string>();

/**
 * The client a hook was given, or, when it was given something else (`undefined` before the client exists, a
 * mistyped prop), a client that has nothing and never changes, with one console warning naming the hook. A hook
 * never throws into the host app's render.
 *
 * @example
 * const client = readClient(wm, 'useLevels');
 */
export const readClient = (wm: unknown, hook: string): Waymark => {
  const client = wm as Partial<Waymark> | null | undefined;
  if (client && typeof client.subscribe === 'function' && typeof client.milestones === 'function')
    return client as Waymark;
  if (!warned.has(hook)) {
    warned.add(hook);
    console.warn(
      `[waymark] ${hook}: expected a client from createWaymark(), got ${client === null ? 'null' : typeof client}; it shows nothing`,
    );
  }
  return inert;
};
