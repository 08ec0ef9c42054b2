import { createDefinitionSource } from './createDefinitionSource';
import { createSessionContext } from './createSessionContext';
import { sessionCalls } from './sessionCalls';
import type { SessionContext, SessionOptions } from './SessionContext';
import { shareWithTabs } from './shareWithTabs';
import { startSync } from './startSync';
import { startUser } from './startUser';
import type { Consent } from '../types';

export type { SessionOptions } from './SessionContext';
export type Session = Awaited<ReturnType<typeof createSession>>;

/**
 * The stateful half of a client, loaded on start: validates definitions, restores the user's state from storage,
 * runs the engine, coalesces writes, switches users, shares events with the other tabs and, with an `endpoint`,
 * syncs. `createWaymark` is the thin, synchronous half in front of it.
 *
 * @example
 * const session = await createSession({ options_, platform_, loadSync_, report, emit, listens, changed_, hold_, run_ });
 * session.track('task_completed', {}, Date.now());
 */
export async function createSession(client: SessionOptions) {
  const context = createSessionContext(client);
  const { engine_: engine, users_: users, saver_: saver } = context;
  const definitions = createDefinitionSource(context);
  context.tabs_ = openTabs(context);
  context.tabs_?.join();
  // The pull of the user's state from the backend: only with a sync.
  const state = await startSync(context, definitions);
  await startUser(context, definitions, state);
  const unwatch = client.platform_.watchPage({
    hide(leaving) {
      context.tabs_?.flush();
      void saver.flush(leaving);
      void context.sync_?.flush({ keepalive: true, leaving });
    },
    tick() {
      context.tabs_?.check();
      client.run_(engine.tick);
    },
    // A teammate's account milestone, another device's achievement: shown without a reload, with no polling timer.
    show() {
      if (state?.stale_()) client.run_(() => void state.pull_());
    },
  });
  let consent = context.options_.consent;
  return {
    engine,
    ...sessionCalls(context, state),
    setDefinitions: definitions.setLocal_,
    overall: () => state?.overall_(),
    claim: users.claim,
    flush: async () => {
      await saver.flush(false);
      await context.sync_?.flush();
    },
    setConsent(next: Consent) {
      context.sync_?.setConsent(next);
      // Until consent, nothing was pulled: the backend's definitions and other devices' achievements come now.
      if (next === 'granted' && consent !== 'granted') void state?.pull_();
      consent = next;
    },
    reset: () =>
      client.hold_(async () => {
        context.tabs_?.flush();
        saver.cancel_();
        await saver.flush();
        await users.reset();
        context.tabs_?.changedUser();
      }),
    destroy() {
      unwatch();
      void saver.flush();
      context.sync_?.destroy();
      context.tabs_?.close();
    },
  };
}

// Only tabs sharing one IndexedDB share progress; a memory store (a server, a test) is this client's alone.
const openTabs = (context: SessionContext) => {
  const { client_: client, saver_: saver } = context;
  if (context.options_.storage !== 'indexeddb') return undefined;
  const name = context.prefix_ + 'state';
  const tabId = client.platform_.randomId();
  return shareWithTabs({
    name,
    channel: client.platform_.openTabChannel,
    tabId,
    presence: client.platform_.announceTab?.(name, tabId),
    now: context.options_.now,
    engine: context.engine_,
    docKey: context.users_.docKey_,
    run: client.run_,
    reload: () =>
      void client.hold_(async () => {
        saver.cancel_();
        context.tabs_!.join();
        await context.users_.load();
      }),
  });
};
