import type { Engine } from '../engine/createEngine';
import type { Properties, WaymarkError, WaymarkStorage } from '../types';
import { carryClaims } from './carryClaims';
import { claimKey } from './claimKey';
import { deleteClaims } from './deleteClaims';
import { loadUserDoc } from './loadUserDoc';
import { createUserDoc, mergeUserDocs } from '../engine/userDoc';

/** Who this browser's client is: a random anonymous id, and the user id once identified. */
export interface Identity {
  anonymousId: string;
  userId?: string;
}

/** What `createUsers` is handed. */
export interface UsersOptions {
  storage: WaymarkStorage;
  prefix: string;
  now: () => number;
  /** A new id that cannot be guessed: the anonymous id is a bearer secret. */
  randomId: () => string;
  report: (error: WaymarkError) => void;
  engine: Pick<Engine, 'doc' | 'load' | 'ids' | 'levelIds'>;
  /** Writes the current document now. */
  flush: () => Promise<void>;
}

/**
 * The users of one project on this browser: the current identity (key `{prefix}id`), each user's document
 * (`{prefix}u:{userId}` or `{prefix}a:{anonymousId}`), celebration claims (`{document key}:claim:{milestone}`, and
 * `…:claim:level:{level}` for levels) and claims to send an achievement (`{document key}:sent:{milestone}`).
 * Switching users hands the engine the other user's document; anonymous progress and claims carry over.
 *
 * @example
 * const users = createUsers({ storage, prefix: 'wm:pk_demo:', now: Date.now, randomId, report, engine, flush: saver.flush });
 * await users.load();
 * await users.switchTo_('u_123');
 */
export function createUsers(o: UsersOptions) {
  const { storage, prefix, now, engine } = o;
  let identity: Identity = { anonymousId: o.randomId() };
  const docKey = () => prefix + (identity.userId ? 'u:' + identity.userId : 'a:' + identity.anonymousId);
  // What can be claimed: each milestone, and each level as `level:{id}` (the widget celebrates completed levels).
  const claimIds = () => [...engine.ids(), ...engine.levelIds().map((id) => 'level:' + id)];
  const save = () => storage.set(prefix + 'id', identity);
  const loadDoc = (key: string) => loadUserDoc(storage, key, o.report);

  return {
    /** The current identity; a new object whenever it changes. */
    identity_: () => identity,
    docKey_: docKey,
    claim: (id: string) => storage.setIfAbsent(claimKey(docKey(), id), now()),
    /** True for one tab only, per user and milestone: the one that sends the `achieved` event (`sendAchievement`). */
    claimSend_: (id: string) => storage.setIfAbsent(claimKey(docKey(), id, 'sent'), now()),
    /** Takes the identity in storage (another tab may have changed it), or stores this one. */
    async loadIdentity_() {
      const stored = (await storage.get(prefix + 'id')) as Identity | undefined;
      if (stored && typeof stored.anonymousId === 'string') identity = stored;
      else await save();
    },
    /** Takes the identity in storage and that user's document. */
    async load() {
      await this.loadIdentity_();
      engine.load((await loadDoc(docKey())) || createUserDoc(now()));
    },
    async switchTo_(userId: string, traits?: Properties) {
      await o.flush();
      const from = docKey();
      const anonymous = !identity.userId;
      const previous = engine.doc();
      identity = { anonymousId: identity.anonymousId, userId };
      const to = docKey();
      let doc = await loadDoc(to);
      if (anonymous) {
        // Anonymous progress and celebration claims become the user's.
        doc = doc ? mergeUserDocs(doc, previous) : previous;
        await carryClaims(storage, claimIds(), from, to, now);
        await storage.del(from);
      }
      if (!doc) doc = createUserDoc(now());
      // A new document object: the one the engine holds now is the engine's to change.
      if (traits) doc = { ...doc, traits: { ...doc.traits, ...traits } };
      await save();
      engine.load(doc);
    },
    /** Deletes the current user's document and claims, and starts a new anonymous user. */
    async reset() {
      const key = docKey();
      await Promise.all([storage.del(key), ...claimIds().flatMap((id) => deleteClaims(storage, key, id))]);
      identity = { anonymousId: o.randomId() };
      await save();
      engine.load(createUserDoc(now()));
    },
  };
}
