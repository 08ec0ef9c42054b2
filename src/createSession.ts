import { createEngine, type EngineOptions } from './createEngine';
import { createIdbStorage } from './createIdbStorage';
import { createMemoryStorage } from './createMemoryStorage';
import { createSaver } from './createSaver';
import type { ResolvedOptions } from './readOptions';
import { sanitizeProperties } from './sanitizeProperties';
import type { Properties, WaymarkError, WaymarkStorage } from './types';
import { createUserDoc, mergeUserDocs, readUserDoc, type UserDoc } from './userDoc';
import { validateDefinitions } from './validateDefinitions';
import { watchPage } from './watchPage';

interface Identity {
  anonymousId: string;
  userId?: string;
}

export interface SessionOptions extends Pick<EngineOptions, 'emit' | 'listens'> {
  o: ResolvedOptions;
  report: (error: WaymarkError) => void;
  /** State changed: notify subscribers. */
  changed: () => void;
  /** Holds the client's operations in order until `task` is done. */
  hold: (task: () => Promise<void>) => Promise<void>;
  /** Runs `op` now, or after whatever is held. */
  run: (op: () => void) => void;
}

export type Session = Awaited<ReturnType<typeof createSession>>;

const newId = () =>
  typeof crypto === 'object' && crypto.randomUUID ? crypto.randomUUID() : Math.random().toString(36).slice(2) + Date.now().toString(36);

/**
 * The stateful half of a client, loaded on start: validates definitions, restores the user's state from storage,
 * runs the engine, coalesces writes, and switches users. `createWaymark` is the thin, synchronous half in front of it.
 *
 * @example
 * const session = await createSession({ o, storage, report, emit, listens, changed, hold, run });
 * session.track('task_completed', {}, Date.now());
 */
export async function createSession(s: SessionOptions) {
  const { o, report } = s;
  const storage: WaymarkStorage =
    o.storage == 'memory'
      ? createMemoryStorage()
      : o.storage == 'indexeddb'
        ? createIdbStorage({ onFallback: (message) => report({ code: 'storage_unavailable', message }) })
        : o.storage;
  const now = o.now;
  const prefix = `wm:${o.projectKey}:`;
  let identity: Identity = { anonymousId: newId() };
  const docKey = () => prefix + (identity.userId ? 'u:' + identity.userId : 'a:' + identity.anonymousId);
  const claimKey = (key: string, id: string) => `${key}:claim:${id}`;
  const saver = createSaver(
    () => storage.set(docKey(), engine.doc()),
    100,
    (error) => report({ code: 'storage_error', message: `could not save state: ${String(error)}` }),
  );
  const engine = createEngine({
    now,
    report,
    emit: s.emit,
    listens: s.listens,
    changed() {
      saver.schedule();
      s.changed();
    },
    stalledAfter: o.stalledAfter,
  });

  const define = (json: unknown) => {
    const checked = validateDefinitions(json);
    // Input that is not definitions at all leaves the current ones in place.
    if (!json || typeof json != 'object') return report({ code: 'invalid_definition', ...checked.errors[0] });
    for (const e of checked.errors) report({ code: 'invalid_definition', ...e });
    for (const w of checked.warnings) report({ code: 'definition_warning', ...w });
    engine.define(checked.milestones, checked.levels);
  };
  define({ milestones: o.milestones ?? [], levels: o.levels ?? [] });

  const loadDoc = async (key: string): Promise<UserDoc | undefined> => {
    const doc = readUserDoc(await storage.get(key));
    if (doc instanceof Error) report({ code: 'storage_corrupt', message: `discarded stored state: ${doc.message}` });
    else return doc;
  };
  const saveIdentity = () => storage.set(prefix + 'id', identity);

  const stored = (await storage.get(prefix + 'id')) as Identity | undefined;
  if (stored && typeof stored.anonymousId === 'string') identity = stored;
  else await saveIdentity();
  engine.load((await loadDoc(docKey())) || createUserDoc(now()));
  const clean = (value: unknown, path: string) => (value === undefined ? undefined : sanitizeProperties(value, report, path));
  const switchTo = async (userId: string, traits?: Properties) => {
      await saver.flush();
      const from = docKey();
      const anonymous = !identity.userId;
      const previous = engine.doc();
      identity = { anonymousId: identity.anonymousId, userId };
      const to = docKey();
      let doc = await loadDoc(to);
      if (anonymous) {
        // Anonymous progress and celebration claims become the user's.
        doc = doc ? mergeUserDocs(doc, previous) : previous;
        await Promise.all(
          engine.ids().map(async (id) => {
            if ((await storage.get(claimKey(from, id))) !== undefined) await storage.setIfAbsent(claimKey(to, id), now());
            await storage.del(claimKey(from, id));
          }),
        );
        await storage.del(from);
      }
      doc ||= createUserDoc(now());
      if (traits) doc.traits = { ...doc.traits, ...traits };
      await saveIdentity();
      engine.load(doc);
  };
  const identify = (userId: string, rawTraits?: unknown) => {
    const traits = clean(rawTraits, 'traits');
    if (identity.userId === userId) traits && engine.setTraits(traits);
    else s.hold(() => switchTo(userId, traits));
  };
  const traits = clean(o.traits, 'traits');
  if (o.userId && o.userId !== identity.userId) await switchTo(o.userId, traits);
  else if (traits) engine.setTraits(traits);
  const unwatch = watchPage(() => void saver.flush(), () => s.run(engine.tick));

  return {
    engine,
    track(name: string, props: unknown, at: number, timestamp?: unknown) {
      let ts = at;
      if (timestamp !== undefined) {
        const t = timestamp;
        ts = typeof t == 'number' ? t : t instanceof Date ? t.getTime() : typeof t == 'string' ? Date.parse(t) : NaN;
        if (!isFinite(ts)) {
          report({ code: 'invalid_argument', path: 'track.options.timestamp', message: `expected epoch ms, a Date or an ISO string, got ${typeof t}; using the time of the call` });
          ts = at;
        }
      }
      engine.track(name, clean(props, 'properties') || {}, ts);
    },
    identify,
    group(accountId: string, traits?: unknown) {
      clean(traits, 'traits');
      engine.doc().accountId = accountId;
      saver.schedule();
    },
    define,
    claim: (id: string) => storage.setIfAbsent(claimKey(docKey(), id), now()),
    flush: saver.flush,
    reset: () =>
      s.hold(async () => {
        saver.cancel();
        await saver.flush();
        const key = docKey();
        await Promise.all([storage.del(key), ...engine.ids().map((id) => storage.del(claimKey(key, id)))]);
        identity = { anonymousId: newId() };
        await saveIdentity();
        engine.load(createUserDoc(now()));
      }),
    destroy() {
      unwatch();
      void saver.flush();
    },
  };
}
