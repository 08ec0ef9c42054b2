import type { TabPresence } from '../../client/Platform';
import { holdLock } from './holdLock';

/**
 * Browser glue: marks this tab as open under `name` for as long as it lives, with a Web Lock of its own (which the
 * browser keeps for a frozen tab and releases when the tab closes), and answers whether another tab holds one too.
 * Without Web Locks (Node, Safari before 15.4) it returns undefined: then a tab never counts itself alone.
 *
 * @example
 * const presence = announceTab('wm:pk_demo:state', tabId);
 * const alone = presence ? !(await presence.othersOpen()) : false;
 */
export function announceTab(name: string, tabId: string): TabPresence | undefined {
  const locks = typeof navigator === 'object' ? navigator.locks : undefined;
  if (!locks?.request || !locks.query) return;
  const prefix = `${name}:tab:`;
  const own = prefix + tabId;
  const release = holdLock(locks, own);
  return {
    // A lock still waiting counts too (a tab that is just opening); an unreadable answer counts as another tab.
    othersOpen: () =>
      locks.query().then(
        ({ held = [], pending = [] }) =>
          [...held, ...pending].some((lock) => lock.name !== own && !!lock.name?.startsWith(prefix)),
        () => true,
      ),
    close: release,
  };
}
