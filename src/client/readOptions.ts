import { parseDuration } from '../engine/parseDuration';
import type { Transport } from '../sync/types';
import type { Consent, WaymarkError, WaymarkOptions, WaymarkStorage } from '../types';

/** `createWaymark` options after checking: every field usable. */
export interface ResolvedOptions {
  projectKey: string;
  milestones?: unknown;
  levels?: unknown;
  endpoint?: string;
  userId?: string;
  traits?: unknown;
  storage: 'indexeddb' | 'memory' | WaymarkStorage;
  consent: Consent;
  now: () => number;
  /** Quiet period before `stalled`, ms; 0 is off. */
  stalledAfter: number;
  transport?: Transport;
  /** Checked by the session (`isToken`), which loads after start: the check costs no up-front bytes. */
  userToken?: unknown;
}

/**
 * Describes a value for an error message: `"abc"`, `null`, `an array`, `number`.
 *
 * @example
 * describe([1]); // 'an array'
 */
export const describe = (x: unknown): string =>
  x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'string' ? `"${x.slice(0, 40)}"` : typeof x;

const CONSENTS = ['granted', 'pending', 'denied'];
const isStorage = (s: unknown) =>
  !!s &&
  typeof s === 'object' &&
  ['get', 'set', 'del', 'setIfAbsent'].every((k) => typeof (s as Record<string, unknown>)[k] === 'function');
// Each option with its check and what it expects; a failed check reports and leaves the default.
const CHECKS: [keyof WaymarkOptions, (v: unknown) => unknown, string][] = [
  ['storage', (v) => v === 'memory' || v === 'indexeddb' || isStorage(v), '"indexeddb", "memory" or a storage object'],
  [
    'endpoint',
    (v) => typeof v === 'string' && /^(https?:\/\/|\/)/.test(v),
    'an http(s) URL or a path; sending nothing',
  ],
  ['userId', (v) => typeof v === 'string' && v, 'a non-empty string'],
  ['consent', (v) => CONSENTS.includes(v as string), '"granted", "pending" or "denied"; using "pending"'],
  ['now', (v) => typeof v === 'function', 'a function returning epoch milliseconds'],
  ['transport', (v) => typeof v === 'function', 'a function (request) => Promise<response>'],
  ['stalledAfter', (v) => v === false || parseDuration(v), 'a duration such as "30d", or false'],
];

/**
 * Checks `createWaymark` options. Each bad one is reported and replaced by a safe default,
 * so a client always comes out working: without a project key, in memory and offline.
 *
 * @example
 * const options = readOptions(input, (error) => console.warn(error.message), Date.now);
 */
export function readOptions(
  input: WaymarkOptions | undefined,
  report: (e: WaymarkError) => void,
  clock: () => number,
): ResolvedOptions {
  const bad = (path: string, message: string, value: unknown) =>
    report({ code: 'invalid_option', path, message: `expected ${message}, got ${describe(value)}` });
  let o: Record<string, unknown> = {};
  try {
    if (input && typeof input === 'object') o = { ...input };
    else bad('options', 'an object', input);
  } catch {
    bad('options', 'an object that can be read', input);
  }
  const out: ResolvedOptions = {
    projectKey: o.projectKey as string,
    milestones: o.milestones,
    levels: o.levels,
    traits: o.traits,
    userToken: o.userToken,
    storage: 'indexeddb',
    consent: 'granted',
    now: clock,
    stalledAfter: 0,
  };
  if (typeof o.projectKey !== 'string' || !/^[\w.:-]{1,100}$/.test(o.projectKey)) {
    bad('projectKey', 'a project key such as "pk_demo"; keeping state in memory and sending nothing', o.projectKey);
    delete o.storage;
    delete o.endpoint;
    out.storage = 'memory';
  }
  for (const [key, ok, expected] of CHECKS) {
    const v = o[key];
    if (v === undefined) continue;
    if (ok(v)) (out as unknown as Record<string, unknown>)[key] = v;
    else {
      bad(key, expected, v);
      if (key === 'consent') out.consent = 'pending';
    }
  }
  out.endpoint &&= out.endpoint.replace(/\/+$/, '');
  out.stalledAfter = o.stalledAfter === false ? 0 : (parseDuration(o.stalledAfter) ?? 2592e6); // default 30 days
  const hostClock = out.now;
  // A host clock that throws or returns garbage must not stop tracking.
  out.now = () => {
    try {
      const t = hostClock();
      if (typeof t === 'number' && Number.isFinite(t)) return t;
    } catch {}
    return clock();
  };
  return out;
}
