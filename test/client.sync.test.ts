import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WireEvent } from '../src/index';
import { answered, client, destroyClients, freshIndexedDB, until, useFakeTimers } from './client.helpers';

const ENDPOINT = 'https://api.test/waymark';
const received: WireEvent[] = [];
const pulls: URLSearchParams[] = [];
let state: Record<string, unknown> = { achieved: {} };
const server = setupServer(
  http.post(`${ENDPOINT}/v1/batch`, async ({ request }) => {
    const body = JSON.parse(await request.text());
    received.push(...body.events);
    return HttpResponse.json({ accepted: body.events.length, duplicates: 0 });
  }),
  http.get(`${ENDPOINT}/v1/state`, ({ request }) => {
    pulls.push(new URL(request.url).searchParams);
    return HttpResponse.json(state);
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  freshIndexedDB();
  useFakeTimers();
  received.length = pulls.length = 0;
  state = { achieved: {} };
});
afterEach(() => {
  destroyClients();
  vi.useRealTimers();
  server.resetHandlers();
});

/** The next GET /v1/state answered: ask before the client can pull. */
const pulled = () => answered(server, 'GET', '/v1/state');

describe('createWaymark with an endpoint', () => {
  it('two tabs achieving the same milestone send its achieved event once, even after the first copy was acknowledged', async () => {
    const a = client({ endpoint: ENDPOINT });
    await a.wm.ready;
    // b queues into the shared outbox but never sends: a is the one sending tab (in a browser, by Web Locks).
    const b = client({ endpoint: ENDPOINT, consent: 'pending' });
    await b.wm.ready;
    // Both tabs see the achievement from their own event; a sends and is answered before b's outbox write lands.
    a.wm.track('project_created');
    b.wm.track('project_created');
    await a.wm.flush();
    await b.wm.flush(); // b's outbox write lands after a's send was acknowledged
    await a.wm.flush();
    expect(a.achieved).toEqual(['first-project']);
    expect(b.achieved).toEqual(['first-project']);
    expect(received.filter((e) => e.type === 'achieved').map((e) => e.name)).toEqual(['first-project']);
    expect(received.filter((e) => e.type === 'track')).toHaveLength(2);
  });

  it('sends each tracked event and each achievement once, with ids, identity and ISO timestamps', async () => {
    const { wm } = client({ endpoint: ENDPOINT });
    await wm.ready;
    for (let i = 0; i < 5; i++) wm.track('task_added', { n: i });
    await wm.flush();
    const ids = received.map((e) => e.id);
    expect(new Set(ids).size).toBe(6);
    expect(received.map((e) => `${e.type}:${e.name}`)).toEqual([
      ...Array(5).fill('track:task_added'),
      'achieved:five-tasks',
    ]);
    expect(received[0]).toMatchObject({ properties: { n: 0 }, anonymousId: expect.any(String) });
    expect(new Date(received[0].timestamp).toISOString()).toBe(received[0].timestamp);
    await wm.flush();
    expect(received).toHaveLength(6);
  });

  it('sends identify and group events, and pulls state for the identified user', async () => {
    const first = pulled();
    const { wm } = client({ endpoint: ENDPOINT });
    await wm.ready;
    await first;
    const pulledAgain = pulled();
    wm.identify('u_1', { plan: 'pro' });
    wm.group('acct_9', { seats: 12 });
    await wm.flush();
    await pulledAgain;
    expect(received.map((e) => [e.type, e.userId, e.accountId, e.properties])).toEqual([
      ['identify', 'u_1', undefined, { plan: 'pro' }],
      ['group', 'u_1', 'acct_9', { seats: 12 }],
    ]);
    expect(pulls.map((p) => p.get('userId'))).toEqual([null, 'u_1']);
  });

  it('merges remote definitions by id, achievements without sending them back, and benchmarks', async () => {
    state = {
      milestones: [
        { id: 'five-tasks', title: 'Add 5 tasks (remote)', rule: { event: 'task_added', count: 5 } },
        { id: 'team-goal', title: 'Team goal', rule: { event: 'deal', count: 100 }, scope: 'account' },
      ],
      achieved: { 'team-goal': '2026-11-20T10:00:00.000Z' },
      startedAt: '2026-11-01T00:00:00.000Z',
      benchmarks: { 'first-project': { typicalDays: 2, percentile: 70 } },
    };
    const { wm, achieved } = client({ endpoint: ENDPOINT });
    await wm.ready;
    await until(wm, () => wm.milestones().length === 4); // the pull's answer applied
    expect(wm.milestones().map((m) => m.id)).toEqual(['first-project', 'five-tasks', 'invite', 'team-goal']);
    expect(wm.milestone('five-tasks')!.title).toBe('Add 5 tasks (remote)');
    expect(wm.milestone('team-goal')).toMatchObject({
      status: 'achieved',
      achievedAt: Date.parse('2026-11-20T10:00:00.000Z'),
      scope: 'account',
    });
    expect(wm.milestone('first-project')!.benchmark).toEqual({ typicalDays: 2, percentile: 70 });
    expect(achieved).toEqual(['team-goal']);
    await wm.flush();
    expect(received.filter((e) => e.type === 'achieved')).toEqual([]);
  });

  it('with consent pending evaluates and queues but makes no request; granted sends the queue', async () => {
    const { wm } = client({ endpoint: ENDPOINT, consent: 'pending' });
    await wm.ready;
    wm.track('project_created');
    await wm.flush();
    expect(wm.milestone('first-project')!.status).toBe('achieved');
    expect(received).toEqual([]);
    expect(pulls).toEqual([]);
    const granted = pulled();
    wm.setConsent('granted');
    await wm.flush();
    expect(received.map((e) => e.type)).toEqual(['track', 'achieved']);
    // The pull consent allowed is the first: none was made while it was pending.
    await granted;
    expect(pulls).toHaveLength(1);
    wm.setConsent('denied');
    wm.track('task_added');
    await wm.flush();
    expect(received).toHaveLength(2);
  });

  it('sends through an injected transport', async () => {
    const bodies: unknown[] = [];
    const { wm } = client({
      endpoint: ENDPOINT,
      transport: async (req) => {
        if (req.method === 'POST') bodies.push(JSON.parse(String(req.body)));
        return { status: 200, header: () => null, json: async () => ({ achieved: {} }) };
      },
    });
    await wm.ready;
    wm.track('project_created');
    await wm.flush();
    expect(bodies).toMatchObject([
      { projectKey: 'pk_test', events: [{ type: 'track' }, { type: 'achieved', name: 'first-project' }] },
    ]);
    expect(received).toEqual([]);
  });
});

describe('achievements seen by several tabs', () => {
  it('carry one id per user and milestone, whichever tab completed them', async () => {
    const a = client({ endpoint: ENDPOINT });
    await a.wm.ready;
    const b = client({ endpoint: ENDPOINT });
    await b.wm.ready;
    // Each tab tracks 3: only together do they reach 5, and both engines see it.
    for (let i = 0; i < 3; i++) {
      a.wm.track('task_added');
      b.wm.track('task_added');
    }
    const done = (wm: typeof a.wm) => until(wm, () => wm.milestone('five-tasks')!.status === 'achieved');
    await Promise.all([done(a.wm), done(b.wm)]);
    await Promise.all([a.wm.flush(), b.wm.flush()]);
    const achieved = received.filter((e) => e.type === 'achieved' && e.name === 'five-tasks');
    expect(achieved.length).toBeGreaterThan(0);
    expect(new Set(achieved.map((e) => e.id)).size).toBe(1);
    expect(new Set(received.filter((e) => e.type === 'track').map((e) => e.id)).size).toBe(6);
  });
});

describe('pulling /v1/state again', () => {
  it("when consent turns granted: the backend's definitions and achievements appear", async () => {
    state = { achieved: { 'first-project': '2026-11-20T10:00:00.000Z' } };
    const { wm } = client({ endpoint: ENDPOINT, consent: 'pending' });
    await wm.ready;
    await wm.flush();
    expect(pulls).toEqual([]);
    const granted = pulled();
    wm.setConsent('granted');
    await granted;
    await until(wm, () => wm.milestone('first-project')!.status === 'achieved');
    expect(pulls).toHaveLength(1);
    expect(wm.milestone('first-project')!.status).toBe('achieved');
    wm.setConsent('granted'); // no change: no pull
    await wm.flush();
    expect(pulls).toHaveLength(1);
    // A pull that is due comes next: had the repeated consent pulled, its request would have come before this one.
    const next = pulled();
    wm.identify('u_2');
    await next;
    expect(pulls.map((p) => p.get('userId'))).toEqual([null, 'u_2']);
  });

  it('when the page becomes visible again and the last pull is 5 minutes old or more; not for a quick glance away', async () => {
    // A page's visibility, as watchPage reads it.
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    (globalThis as { document?: unknown }).document = page;
    const show = (visibilityState: 'visible' | 'hidden') => {
      page.visibilityState = visibilityState;
      page.dispatchEvent(new Event('visibilitychange'));
    };
    let clock = Date.parse('2026-11-23T10:00:00.000Z');
    const first = pulled();
    const { wm } = client({ endpoint: ENDPOINT, storage: 'memory', now: () => clock });
    try {
      await wm.ready;
      await first;
      expect(pulls).toHaveLength(1);
      show('hidden');
      clock += 60_000;
      show('visible');
      await wm.flush();
      expect(pulls).toHaveLength(1);
      show('hidden');
      clock += 5 * 60_000;
      state = { achieved: { 'first-project': '2026-11-23T10:04:00.000Z' } }; // a teammate's device, meanwhile
      const stale = pulled();
      show('visible');
      await stale;
      await until(wm, () => wm.milestone('first-project')!.status === 'achieved');
      // The second pull is this one: the quick glance made none.
      expect(pulls).toHaveLength(2);
      expect(wm.milestone('first-project')!.status).toBe('achieved');
    } finally {
      delete (globalThis as { document?: unknown }).document;
    }
  });
});

describe('characters no backend can store', () => {
  it('never reach the wire: cleaned in properties and traits; names and ids that hold them are refused', async () => {
    const { wm, errors } = client({
      endpoint: ENDPOINT,
      milestones: [{ id: 'p', title: 'P', rule: { event: 'project_created' } }],
    });
    await wm.ready;
    wm.track('project_created', { title: 'Q3\u0000 plan', emoji: '🚀', cut: 'ab\ud83d' });
    wm.track('project\u0000created');
    wm.track('project_created\ud800');
    wm.identify('u\u00001');
    wm.identify('u_1', { name: 'Zo\u0000e', nick: '\udc00' });
    wm.group('acct\udfff');
    wm.group('acct_1', { label: 'Team\u0000' });
    await wm.flush();
    const wire = JSON.stringify(received);
    // JSON escapes NUL and lone surrogates (a pair goes as the character itself): none of either on the wire.
    expect(wire).not.toMatch(/\\u0000|\\ud[89a-f][0-9a-f]{2}/i);
    expect(received.filter((e) => e.type === 'track').map((e) => [e.name, e.properties])).toEqual([
      ['project_created', { title: 'Q3 plan', emoji: '🚀', cut: 'ab\ufffd' }],
    ]);
    expect(
      received
        .filter((e) => e.type !== 'track' && e.type !== 'achieved')
        .map((e) => [e.type, e.userId, e.accountId, e.properties]),
    ).toEqual([
      ['identify', 'u_1', undefined, { name: 'Zoe', nick: '\ufffd' }],
      ['group', 'u_1', 'acct_1', { label: 'Team' }],
    ]);
    expect(errors.filter((e) => e.code === 'invalid_argument').map((e) => e.path)).toEqual([
      'track',
      'track',
      'identify',
      'group',
    ]);
  });
});
