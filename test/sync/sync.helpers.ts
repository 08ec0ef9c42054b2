import 'fake-indexeddb/auto';
import { gunzipSync } from 'node:zlib';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { createFetchTransport } from '../../src/index';
import { createIdbStorage } from '../../src/platform/browser/createIdbStorage';
import { createSync } from '../../src/sync/createSync';
import type { Sync, SyncOptions, SyncPlatform, SyncStorage, TransportRequest, WireEvent } from '../../src/sync/types';
import type { WaymarkError } from '../../src/types';
import { testStorage } from '../fixtures/testStorage';

export const ENDPOINT = 'https://api.test/waymark';

let dbCount = 0;
/**
 * The shipped IndexedDB storage (createIdbStorage) on fake IndexedDB, in a database of its own unless `name` is
 * given (the same name is the same database: a reload). Falling back to memory fails the test: it would hide what
 * IndexedDB does.
 */
export function idbStorage(name = `sync-test-${++dbCount}`): SyncStorage {
  return createIdbStorage({
    dbName: name,
    // createIdbStorage swallows what its onFallback throws (no method ever rejects): thrown from a microtask of its
    // own, the error reaches vitest as an unhandled error, which fails the run.
    onFallback: (reason) => {
      queueMicrotask(() => {
        throw new Error(`IndexedDB storage fell back to memory: ${reason}`);
      });
    },
  }) as SyncStorage;
}

type Reply = number | 'error' | 'hang' | ((ids: string[]) => Response | Promise<Response>);

/**
 * The backend at the network boundary: msw answering `POST /v1/batch` like the reference server
 * (events stored once per id), with scripted faults taken in order before the default 200.
 * `requireTokens(map)` makes it check identity like `identity: 'required'` (a batch naming a user without that user's
 * token in the map gets a 401); `reject(id, reason)` refuses that event alone in a 200 answer.
 */
export function mockBackend() {
  const stored: string[] = [];
  const requests: {
    ids: string[];
    status: number | string;
    bytes: number;
    gzip: boolean;
    token?: string;
    users: (string | undefined)[];
  }[] = [];
  const script: Reply[] = [];
  let maxBytes = Infinity;
  let validTokens: Map<string, string> | undefined;
  const rejecting = new Map<string, string>();
  const server = setupServer(
    http.post(`${ENDPOINT}/v1/batch`, async ({ request }) => {
      const raw = new Uint8Array(await request.arrayBuffer());
      const gzip = request.headers.get('content-encoding') === 'gzip';
      const body = JSON.parse((gzip ? gunzipSync(raw) : Buffer.from(raw)).toString('utf8'));
      const ids: string[] = body.events.map((e: WireEvent) => e.id);
      const users = [...new Set(body.events.map((e: WireEvent) => e.userId))] as (string | undefined)[];
      const refused =
        validTokens &&
        users.some((u) => u !== undefined && (!body.userToken || validTokens!.get(u) !== body.userToken));
      const next: Reply = raw.length > maxBytes ? 413 : refused ? 401 : (script.shift() ?? 200);
      requests.push({
        ids,
        status: typeof next === 'function' ? 'fn' : next,
        bytes: raw.length,
        gzip,
        token: body.userToken,
        users,
      });
      if (next === 'error') return HttpResponse.error();
      if (next === 'hang') return new Promise<Response>(() => {});
      if (typeof next === 'function') return next(ids);
      if (next !== 200) return HttpResponse.json({ error: `status ${next}` }, { status: next });
      return HttpResponse.json(accept(ids));
    }),
  );
  const accept = (ids: string[]) => {
    let accepted = 0;
    const rejected: { id: string; reason: string }[] = [];
    for (const id of ids)
      if (rejecting.has(id)) rejected.push({ id, reason: rejecting.get(id)! });
      else if (!stored.includes(id)) {
        stored.push(id);
        accepted++;
      }
    return { accepted, duplicates: ids.length - accepted - rejected.length, ...(rejected.length && { rejected }) };
  };
  return {
    server,
    stored,
    requests,
    accept,
    /** Answers for the next requests, in order. (Not `then`: that would make the backend a thenable.) */
    reply: (...replies: Reply[]) => void script.push(...replies),
    limit: (bytes: number) => {
      maxBytes = bytes;
    },
    clear: () => {
      script.length = 0;
    },
    /** Identity required from now on: each user's valid token (undefined: identity off again). */
    requireTokens: (tokens: Record<string, string> | undefined) => {
      validTokens = tokens && new Map(Object.entries(tokens));
    },
    reject: (id: string, reason: string) => void rejecting.set(id, reason),
    reset() {
      stored.length = 0;
      requests.length = 0;
      script.length = 0;
      maxBytes = Infinity;
      validTokens = undefined;
      rejecting.clear();
    },
  };
}

/**
 * A `mockBackend()` listening for the whole file, reset before each test (nothing stored, no scripted faults, no size
 * limit) with fake time; after it, every sync `client()` made is destroyed, then real time and the default handlers
 * come back.
 */
export function useMockBackend() {
  const backend = mockBackend();
  beforeAll(() => backend.server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => backend.server.close());
  beforeEach(() => {
    useFakeTime();
    backend.reset();
  });
  afterEach(() => {
    for (const sync of syncs) sync.destroy();
    syncs.clear();
    vi.useRealTimers();
    backend.server.resetHandlers();
  });
  return backend;
}

/** Online state and `online` listeners under the test's control. */
export function fakeNetwork() {
  let online = true;
  const listeners = new Set<() => void>();
  return {
    online: () => online,
    onOnline: (fn: () => void) => {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    set(value: boolean) {
      online = value;
      if (value) for (const fn of listeners) fn();
    },
  };
}

/** Tabs in one process: a lock granted to one holder at a time, in request order, and a message bus. */
export function fakeTabs() {
  const queue: { name: string; fn: (leader: boolean) => void }[] = [];
  const buses = new Map<string, Set<(m: unknown) => void>>();
  const grant = () => queue[0]?.fn(true);
  const platform = (network = fakeNetwork()): SyncPlatform => ({
    online: network.online,
    onOnline: network.onOnline,
    lead(name, fn) {
      const entry = { name, fn };
      queue.push(entry);
      if (queue.length === 1) grant();
      return () => {
        const i = queue.indexOf(entry);
        if (i < 0) return;
        queue.splice(i, 1);
        if (i === 0) grant();
      };
    },
    channel(name, onMessage) {
      const bus = buses.get(name) ?? buses.set(name, new Set()).get(name)!;
      const self = (m: unknown) => onMessage(structuredClone(m));
      bus.add(self);
      return {
        post: (m) => {
          for (const fn of bus) if (fn !== self) queueMicrotask(() => fn(m));
        },
        close: () => void bus.delete(self),
      };
    },
  });
  return { platform };
}

export const event = (i: number, extra: Partial<WireEvent> = {}): Omit<WireEvent, 'id'> => ({
  type: 'track',
  name: 'task_completed',
  properties: { n: i },
  anonymousId: 'anon-1',
  timestamp: new Date(Date.UTC(2026, 10, 2, 9, 0, i)).toISOString(),
  ...extra,
});

const syncs = new Set<Sync>();

/** A sync on the default fetch transport, recording its errors and the requests it made; destroyed after the test. */
export function client(options: Partial<SyncOptions> = {}, transportOptions = {}) {
  const errors: WaymarkError[] = [];
  const sent: TransportRequest[] = [];
  const fetchTransport = createFetchTransport(transportOptions);
  const sync = createSync({
    endpoint: ENDPOINT,
    projectKey: 'pk_test',
    storage: testStorage({ keys: false }),
    transport: (req) => {
      sent.push(req);
      return fetchTransport(req);
    },
    now: () => Date.now(),
    consent: 'granted',
    report: (e) => errors.push(e),
    ...options,
  });
  syncs.add(sync);
  const enqueue = (n: number, from = 0, extra?: Partial<WireEvent>) =>
    Array.from({ length: n }, (_, i) => sync.enqueue(event(from + i, extra)));
  return { sync, errors, sent, enqueue };
}

export const useFakeTime = () =>
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'Date'],
    now: Date.UTC(2026, 10, 2, 9),
  });

export const sorted = (ids: string[]) => [...ids].sort();

/** Awaits a promise under fake timers (fake IndexedDB schedules its work with the faked setImmediate). */
export async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.finally(() => (done = true)).catch(() => {});
  for (let i = 0; !done && i < 10_000; i++) await vi.advanceTimersByTimeAsync(1);
  return promise;
}
