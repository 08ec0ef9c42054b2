import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireEvent } from '../src/index';
import { answered, client, destroyClients, freshIndexedDB, until, useFakeTimers } from './client.helpers';
import { testStorage } from './fixtures/testStorage';

const ENDPOINT = 'https://api.test/waymark';

/** One POST /v1/batch as the backend saw it. */
type Batch = { userToken?: string; events: WireEvent[]; status: number };
const batches: Batch[] = [];
const pulls: { userId: string | null; authorization: string | null; status: number }[] = [];
// Identity as `identity: 'required'` checks it: each user's valid token; a user absent here needs none.
let valid: Record<string, string> = {};
let state: Record<string, unknown> = { achieved: {} };
const refuses = (userId: string | null | undefined, token: string | null | undefined) =>
  !!userId && userId in valid && valid[userId] !== token;

const server = setupServer(
  http.post(`${ENDPOINT}/v1/batch`, async ({ request }) => {
    const body = JSON.parse(await request.text());
    const status = body.events.some((e: WireEvent) => refuses(e.userId, body.userToken)) ? 401 : 200;
    batches.push({ userToken: body.userToken, events: body.events, status });
    if (status === 401) return HttpResponse.json({ error: 'identity' }, { status });
    return HttpResponse.json({ accepted: body.events.length, duplicates: 0 });
  }),
  http.get(`${ENDPOINT}/v1/state`, ({ request }) => {
    const userId = new URL(request.url).searchParams.get('userId');
    const authorization = request.headers.get('authorization');
    const status = refuses(userId, authorization?.replace(/^Bearer /, '')) ? 401 : 200;
    pulls.push({ userId, authorization, status });
    return status === 401 ? HttpResponse.json({ error: 'identity' }, { status }) : HttpResponse.json(state);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  freshIndexedDB();
  useFakeTimers();
  batches.length = pulls.length = 0;
  valid = {};
  state = { achieved: {} };
});
afterEach(() => {
  destroyClients();
  vi.useRealTimers();
  server.resetHandlers();
});

/** The next GET /v1/state answered: ask before the client can pull. */
const pulled = () => answered(server, 'GET', '/v1/state');
const stored = () => batches.filter((b) => b.status === 200).flatMap((b) => b.events);
const tracks = () => stored().filter((e) => e.type === 'track');

describe('identity tokens', () => {
  it("createWaymark({ userId, userToken }): the user's batches carry the token, and the pull sends it as a bearer token", async () => {
    valid = { u_1: 't1' };
    const first = pulled();
    const { wm, errors } = client({ endpoint: ENDPOINT, userId: 'u_1', userToken: 't1' });
    await wm.ready;
    wm.track('task_added');
    await wm.flush();
    await first;
    expect(batches.map((b) => [b.status, b.userToken, b.events.map((e) => e.userId)])).toEqual([[200, 't1', ['u_1']]]);
    expect(pulls).toEqual([{ userId: 'u_1', authorization: 'Bearer t1', status: 200 }]);
    expect(errors).toEqual([]);
  });

  it('an expired token: 401, identity_rejected once, events kept; identify() with a new token sends them, none lost, none twice', async () => {
    valid = { u_1: 't2' }; // t1 has expired
    const first = pulled();
    const { wm, errors } = client({ endpoint: ENDPOINT, userId: 'u_1', userToken: 't1' });
    const refreshed: string[] = [];
    wm.on('error', (e) => e.code === 'identity_rejected' && refreshed.push(e.userId!));
    await wm.ready;
    for (let i = 0; i < 3; i++) wm.track('task_added', { i });
    await wm.flush();
    await first;
    for (let i = 3; i < 5; i++) wm.track('task_added', { i });
    await wm.flush();
    expect(tracks()).toEqual([]);
    expect(errors.map((e) => [e.code, e.userId])).toEqual([['identity_rejected', 'u_1']]);
    expect(errors[0].message).toContain('"u_1"');
    expect(refreshed).toEqual(['u_1']);
    expect(pulls.map((p) => p.status)).toEqual([401]);
    expect(wm.milestone('five-tasks')!.status).toBe('achieved'); // local progress never waited for the backend

    const again = pulled();
    wm.identify('u_1', undefined, { token: 't2' });
    await wm.flush();
    await again;
    expect(tracks().map((e) => e.properties!.i)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(stored().map((e) => e.id)).size).toBe(stored().length);
    expect(stored().filter((e) => e.type === 'identify')).toEqual([]); // a token alone is no identify event
    expect(batches.filter((b) => b.status === 200).every((b) => b.userToken === 't2')).toBe(true);
    // The state the refused pull could not read is read now, with the new token.
    expect(pulls.map((p) => [p.status, p.authorization])).toEqual([
      [401, 'Bearer t1'],
      [200, 'Bearer t2'],
    ]);
    expect(errors).toHaveLength(1);
  });

  it("identify() with a token: the anonymous events go without one, the user's with it, one user per request", async () => {
    valid = { u_2: 'tok2' };
    const { wm, errors } = client({ endpoint: ENDPOINT });
    await wm.ready;
    wm.track('project_created');
    wm.identify('u_2', { plan: 'pro' }, { token: 'tok2' });
    wm.track('task_added');
    await wm.flush();
    const ok = batches.filter((b) => b.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(2); // two users: two requests at least
    for (const b of ok) expect(new Set(b.events.map((e) => e.userId)).size).toBe(1);
    expect(ok.every((b) => b.userToken === (b.events[0].userId === 'u_2' ? 'tok2' : undefined))).toBe(true);
    const typesOf = (userId?: string) =>
      stored()
        .filter((e) => e.userId === userId)
        .map((e) => e.type)
        .sort();
    expect(typesOf(undefined)).toEqual(['achieved', 'track']);
    expect(typesOf('u_2')).toEqual(['identify', 'track']);
    expect(errors).toEqual([]);
  });

  it('a user refused for want of a token never holds back the anonymous events', async () => {
    valid = { u_3: 'good' };
    const { wm, errors } = client({ endpoint: ENDPOINT });
    await wm.ready;
    wm.identify('u_3', {}, { token: 'bad' });
    wm.track('task_added');
    await wm.reset(); // logout: anonymous again
    wm.track('project_created');
    await wm.flush();
    expect(stored().map((e) => [e.type, e.userId])).toEqual([
      ['track', undefined],
      ['achieved', undefined],
    ]);
    expect(errors.map((e) => [e.code, e.userId])).toEqual([['identity_rejected', 'u_3']]);
  });

  it('identifying the current user again sends an identify event only when the traits change something', async () => {
    const { wm } = client({ endpoint: ENDPOINT, userId: 'u_4', traits: { plan: 'free' } });
    await wm.ready;
    wm.identify('u_4');
    wm.identify('u_4', { plan: 'free' });
    wm.identify('u_4', { plan: 'free' }, { token: 'refreshed' });
    wm.identify('u_4', { plan: 'pro' });
    await wm.flush();
    expect(
      stored()
        .filter((e) => e.type === 'identify')
        .map((e) => e.properties),
    ).toEqual([{ plan: 'pro' }]);
  });

  it('keeps tokens in memory only: nothing in storage ever holds one', async () => {
    valid = { u_5: 'secret-token-5' };
    const storage = testStorage({ update: false, keys: false });
    const { wm } = client({ endpoint: ENDPOINT, storage, userId: 'u_5', userToken: 'secret-token-1' });
    await wm.ready;
    wm.track('task_added');
    await wm.flush();
    wm.identify('u_5', undefined, { token: 'secret-token-5' });
    wm.identify('u_6', { plan: 'pro' }, { token: 'secret-token-6' });
    wm.track('task_added');
    await wm.flush();
    expect(stored().length).toBeGreaterThan(0);
    expect(JSON.stringify([...(await storage.entries())])).not.toMatch(/secret-token/);
  });

  it('a bad token is reported without quoting it, and the client goes on without it', async () => {
    const long = 'x'.repeat(9000);
    const { wm, errors } = client({ endpoint: ENDPOINT, userId: 'u_7', userToken: long });
    await wm.ready;
    wm.identify('u_7', {}, { token: 42 as unknown as string });
    wm.identify('u_8', {}, { token: '' });
    await wm.flush();
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['invalid_option', 'userToken'],
      ['invalid_argument', 'identify.options.token'],
      ['invalid_argument', 'identify.options.token'],
    ]);
    expect(errors[0].message).toContain('a string of 9000 characters');
    expect(errors.some((e) => e.message.includes('xxxx'))).toBe(false);
    expect(wm.milestones()).toHaveLength(3);
  });

  it('a userToken with no user to prove is reported and ignored', async () => {
    const { wm, errors } = client({ endpoint: ENDPOINT, userToken: 't' });
    await wm.ready;
    expect(errors).toEqual([expect.objectContaining({ code: 'invalid_option', path: 'userToken' })]);
  });
});

describe('overall()', () => {
  it("is the backend's standing with this user's achieved count, the same object between changes, and undefined for another user", async () => {
    state = {
      achieved: { 'first-project': '2026-11-20T10:00:00.000Z' },
      overall: { percentile: 80, typicalAtThisAge: 5 },
    };
    const pull = pulled();
    const { wm } = client({ endpoint: ENDPOINT });
    expect(wm.overall()).toBeUndefined();
    await wm.ready;
    await pull;
    await until(wm, () => wm.overall() !== undefined);
    const first = wm.overall();
    expect(first).toEqual({ percentile: 80, typicalAtThisAge: 5, achieved: 1 });
    expect(wm.overall()).toBe(first);
    wm.track('task_added');
    for (let i = 0; i < 4; i++) wm.track('task_added');
    expect(wm.overall()).toEqual({ percentile: 80, typicalAtThisAge: 5, achieved: 2 });
    state = { achieved: {} };
    const again = pulled();
    wm.identify('u_9');
    await wm.flush();
    await again;
    await wm.flush(); // the answer applied, in order with the client's operations
    expect(wm.overall()).toBeUndefined();
  });

  it('is undefined when the backend sends no standing', async () => {
    const pull = pulled();
    const { wm } = client({ endpoint: ENDPOINT });
    await wm.ready;
    await pull;
    await wm.flush();
    expect(pulls).toHaveLength(1);
    expect(wm.overall()).toBeUndefined();
  });
});

describe('the anonymous id', () => {
  it('is 128 random bits: 32 hex digits, different for each new visitor', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      freshIndexedDB();
      batches.length = 0;
      const { wm } = client({ endpoint: ENDPOINT });
      await wm.ready;
      wm.track('task_added');
      await wm.flush();
      const id = stored()[0].anonymousId;
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      ids.add(id);
      // This visitor leaves before the next arrives: a live tab would hand the next one its state over the channel.
      wm.destroy();
    }
    expect(ids.size).toBe(3);
  });
});
