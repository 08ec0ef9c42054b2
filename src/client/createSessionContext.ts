import { createEngine } from '../engine/createEngine';
import { createInputChecks } from './createInputChecks';
import { createSaver } from './createSaver';
import { createUsers } from './createUsers';
import type { SessionContext, SessionOptions } from './SessionContext';

/**
 * Builds what a session's pieces share: the storage the options name, the engine (its achievements sent to the
 * backend once the sync has loaded), the users and the coalesced writes of the user's document (100 ms).
 *
 * @example
 * const context = createSessionContext(options);
 * await context.users_.load();
 */
export function createSessionContext(client: SessionOptions): SessionContext {
  const { options_: o, report, platform_: platform } = client;
  const storage =
    typeof o.storage === 'string'
      ? platform.openStorage(o.storage, (message) => report({ code: 'storage_unavailable', message }))
      : o.storage;
  const prefix = `wm:${o.projectKey}:`;
  const context = {
    client_: client,
    options_: o,
    report_: report,
    storage_: storage,
    prefix_: prefix,
    checks_: createInputChecks(report),
  } as SessionContext;
  context.saver_ = createSaver(
    // What the document includes is posted to the other tabs first: a tab that loads it must not count a batch twice.
    () => {
      context.tabs_?.flush();
      return storage.set(context.users_.docKey_(), context.engine_.doc());
    },
    100,
    (error) => report({ code: 'storage_error', message: `could not save state: ${String(error)}` }),
  );
  context.engine_ = createEngine({
    now: o.now,
    report,
    emit(event, m, info) {
      if (event === 'achieved') context.sendAchievement_?.(m);
      client.emit(event, m, info);
    },
    listens: (event) => (event === 'achieved' && !!context.sync_) || client.listens(event),
    changed() {
      context.saver_.schedule_();
      client.changed_();
    },
    stalledAfter: o.stalledAfter,
  });
  context.users_ = createUsers({
    storage,
    prefix,
    now: o.now,
    randomId: platform.randomId,
    report,
    engine: context.engine_,
    // Before the engine takes another user's document: the last user's events go to the other tabs under their key.
    flush: () => {
      context.tabs_?.flush();
      return context.saver_.flush();
    },
  });
  return context;
}
