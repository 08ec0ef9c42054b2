import { parseDuration } from './parseDuration';
import type { Consent, WaymarkError, WaymarkOptions, WaymarkStorage } from './types';

/** `createWaymark` options after checking: every field usable. */
export interface ResolvedOptions {
  projectKey: string;
  milestones: unknown;
  levels: unknown;
  endpoint?: string;
  userId?: string;
  traits: unknown;
  storage: 'indexeddb' | 'memory' | WaymarkStorage;
  consent: Consent;
  now: () => number;
  stalledAfter: number;
}

const DAY = 864e5;
export const describe = (x: unknown): string =>
  x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'string' ? `"${x.slice(0, 40)}"` : typeof x;

const isStorage = (s: any) =>
  s && typeof s === 'object' && ['get', 'set', 'del', 'setIfAbsent'].every((k) => typeof s[k] === 'function');

/**
 * Checks `createWaymark` options. Each bad one is reported and replaced by a safe default,
 * so a client always comes out working: without a project key, in memory and offline.
 *
 * @example
 * const options = readOptions(input, (error) => console.warn(error.message));
 */
export function readOptions(input: WaymarkOptions | undefined, report: (e: WaymarkError) => void): ResolvedOptions {
  const bad = (path: string, message: string) => report({ code: 'invalid_option', path, message });
  let o: Record<string, any> = {};
  try {
    if (input !== null && typeof input === 'object') o = { ...input };
    else bad('options', `expected an object, got ${describe(input)}`);
  } catch {
    bad('options', 'could not be read');
  }
  const out: ResolvedOptions = {
    projectKey: o.projectKey,
    milestones: o.milestones,
    levels: o.levels,
    traits: o.traits,
    storage: 'indexeddb',
    consent: 'granted',
    now: Date.now,
    stalledAfter: 30 * DAY,
  };
  if (typeof o.projectKey !== 'string' || !/^[\w.:-]{1,100}$/.test(o.projectKey)) {
    bad('projectKey', `expected a project key such as "pk_demo", got ${describe(o.projectKey)}; keeping state in memory and sending nothing`);
    out.projectKey = 'invalid';
    out.storage = 'memory';
  } else if (o.storage !== undefined) {
    if (o.storage === 'memory' || o.storage === 'indexeddb' || isStorage(o.storage)) out.storage = o.storage;
    else bad('storage', `expected "indexeddb", "memory" or a storage object, got ${describe(o.storage)}`);
  }
  if (o.endpoint !== undefined) {
    if (typeof o.endpoint === 'string' && /^(https?:\/\/|\/)/.test(o.endpoint) && out.projectKey !== 'invalid')
      out.endpoint = o.endpoint.replace(/\/+$/, '');
    else bad('endpoint', `expected an http(s) URL or a path, got ${describe(o.endpoint)}; sending nothing`);
  }
  if (o.userId !== undefined) {
    if (typeof o.userId === 'string' && o.userId) out.userId = o.userId;
    else bad('userId', `expected a non-empty string, got ${describe(o.userId)}`);
  }
  if (o.consent !== undefined) {
    if (['granted', 'pending', 'denied'].includes(o.consent)) out.consent = o.consent;
    else {
      bad('consent', `expected "granted", "pending" or "denied", got ${describe(o.consent)}; using "pending"`);
      out.consent = 'pending';
    }
  }
  if (o.now !== undefined) {
    if (typeof o.now === 'function') {
      const clock = o.now;
      // A host clock that throws or returns garbage must not stop tracking.
      out.now = () => {
        try {
          const t = clock();
          if (typeof t === 'number' && isFinite(t)) return t;
        } catch {}
        return Date.now();
      };
    } else bad('now', `expected a function returning epoch milliseconds, got ${describe(o.now)}`);
  }
  if (o.stalledAfter !== undefined) {
    const ms = o.stalledAfter === false ? 0 : parseDuration(o.stalledAfter);
    if (ms !== undefined) out.stalledAfter = ms;
    else bad('stalledAfter', `expected a duration such as "30d" or false, got ${describe(o.stalledAfter)}`);
  }
  return out;
}
