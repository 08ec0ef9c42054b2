import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { testStorage } from '../fixtures/testStorage';
import { client, ENDPOINT, fakeTabs, sorted, useMockBackend } from './sync.helpers';

const backend = useMockBackend();

const anonymous = { userId: undefined };
const userA = { userId: 'u_a' };
const userB = { userId: 'u_b' };

describe('identity tokens on POST /v1/batch', () => {
  it("each request holds one user's events and carries that user's token; anonymous events go without one", async () => {
    const { sync, enqueue } = client();
    sync.setToken('u_a', 'token-a');
    sync.setToken('u_b', 'token-b');
    for (let i = 0; i < 6; i++) {
      enqueue(1, 3 * i, anonymous);
      enqueue(1, 3 * i + 1, userA);
      enqueue(1, 3 * i + 2, userB);
    }
    await sync.flush();
    expect(backend.stored).toHaveLength(18);
    expect(backend.requests.map((r) => [r.users, r.token, r.ids.length])).toEqual([
      [[undefined], undefined, 6],
      [['u_a'], 'token-a', 6],
      [['u_b'], 'token-b', 6],
    ]);
  });

  it('a 401 holds back only that user: anonymous events and other users keep flowing, the retry budget is untouched', async () => {
    backend.requireTokens({ u_a: 'token-a2', u_b: 'token-b' });
    const { sync, enqueue, errors } = client({ retryBudget: 60_000 });
    sync.setToken('u_a', 'token-a1'); // expired, as far as the backend is concerned
    sync.setToken('u_b', 'token-b');
    const a = enqueue(5, 0, userA);
    const others = [...enqueue(5, 10, anonymous), ...enqueue(5, 20, userB)];
    await sync.flush();
    expect(sorted(backend.stored)).toEqual(sorted(others));
    expect(errors).toEqual([
      expect.objectContaining({ code: 'identity_rejected', userId: 'u_a', message: expect.stringContaining('"u_a"') }),
    ]);

    // More of A's events, flushes, and time past the retry budget: nothing for A is sent or given up, nothing reported again.
    const moreA = enqueue(3, 30, userA);
    const requests = backend.requests.length;
    await sync.flush();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await sync.flush();
    expect(backend.requests).toHaveLength(requests);
    expect(errors).toHaveLength(1);
    const later = enqueue(2, 40, userB);
    await sync.flush();
    expect(backend.stored).toEqual(expect.arrayContaining(later));

    // The host refreshes the token: A's events go, each once.
    sync.setToken('u_a', 'token-a2');
    await vi.advanceTimersByTimeAsync(10);
    expect(sorted(backend.stored)).toEqual(sorted([...others, ...later, ...a, ...moreA]));
    expect(backend.stored).toHaveLength(20);
    expect(backend.requests.filter((r) => r.status === 200).flatMap((r) => r.ids)).toHaveLength(20);
    expect(errors).toHaveLength(1);
  });

  it('a user with no token at all is refused once, and sent when a token arrives', async () => {
    backend.requireTokens({ u_a: 'token-a' });
    const { sync, enqueue, errors } = client();
    const ids = enqueue(4, 0, userA);
    await sync.flush();
    await sync.flush();
    expect(backend.stored).toEqual([]);
    expect(backend.requests.map((r) => r.status)).toEqual([401]);
    expect(errors.map((e) => [e.code, e.userId, /no token/.test(e.message)])).toEqual([
      ['identity_rejected', 'u_a', true],
    ]);
    sync.setToken('u_a', 'token-a');
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.stored).toEqual(ids);
  });

  it('a full batch held back does not make every new event go out alone', async () => {
    backend.requireTokens({});
    const { enqueue } = client();
    enqueue(25, 0, userA);
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.requests.map((r) => r.status)).toEqual([401]);
    enqueue(3, 100, anonymous);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(backend.requests).toHaveLength(1); // a partial anonymous batch waits its flush interval
    await vi.advanceTimersByTimeAsync(5_000);
    expect(backend.requests.map((r) => [r.status, r.ids.length])).toEqual([
      [401, 20],
      [200, 3],
    ]);
  });

  it('a page hide sends one request per user, each with its token, and none for a user held back', async () => {
    backend.requireTokens({ u_b: 'token-b' });
    const { sync, enqueue } = client();
    sync.setToken('u_b', 'token-b');
    enqueue(2, 0, userA);
    await sync.flush(); // A is refused and held back
    const b = enqueue(2, 10, userB);
    const anon = enqueue(2, 20, anonymous);
    await sync.flush({ keepalive: true });
    const keepalive = backend.requests.filter((r) => r.status === 200);
    expect(keepalive.map((r) => [r.users, r.token])).toEqual([
      [['u_b'], 'token-b'],
      [[undefined], undefined],
    ]);
    expect(sorted(backend.stored)).toEqual(sorted([...b, ...anon]));
  });

  it('a token set in another tab reaches the tab that sends', async () => {
    backend.requireTokens({ u_a: 'token-a' });
    const tabs = fakeTabs();
    const storage = testStorage({ keys: false });
    const leader = client({ storage, platform: tabs.platform() });
    const follower = client({ storage, platform: tabs.platform() });
    follower.sync.setToken('u_a', 'token-a');
    const first = follower.enqueue(3, 0, userA);
    await follower.sync.flush();
    await vi.advanceTimersByTimeAsync(10);
    expect(backend.stored).toEqual(first);
    expect(follower.sent).toEqual([]);
    expect(leader.sent.length).toBeGreaterThan(0);
  });

  it('a tab that becomes the sender asks the other tabs for the tokens they hold', async () => {
    backend.requireTokens({ u_a: 'token-a' });
    const tabs = fakeTabs();
    // Another tab that got the token before this one opened: it answers the question with what it holds.
    const heard: unknown[] = [];
    const other = tabs.platform().channel!('waymark:pk_test:outbox', (m) => {
      heard.push(m);
      if ((m as { wantTokens?: boolean }).wantTokens) other.post({ tokens: { u_a: 'token-a' } });
    })!;
    const storage = testStorage({ keys: false });
    const sender = client({ storage, platform: tabs.platform() });
    const ids = sender.enqueue(3, 0, userA);
    await sender.sync.flush();
    await vi.advanceTimersByTimeAsync(10);
    expect(heard).toContainEqual({ wantTokens: true });
    expect(backend.stored).toEqual(ids);
    expect(backend.requests.map((r) => r.token)).toEqual(['token-a']);
    expect(sender.errors).toEqual([]);
    other.close();
  });
});

describe('events rejected one by one in a 200 answer', () => {
  it('drops exactly the rejected events, reports each (10 at most, then one line), and sends the rest once', async () => {
    const { sync, enqueue, errors } = client();
    const ids = enqueue(20);
    for (const id of ids.slice(0, 12)) backend.reject(id, 'timestamp out of range');
    await sync.flush();
    expect(sorted(backend.stored)).toEqual(sorted(ids.slice(12)));
    expect(errors).toHaveLength(11);
    expect(
      errors
        .slice(0, 10)
        .map((e) => [e.code, e.message.includes(ids[errors.indexOf(e)]), e.message.includes('timestamp out of range')]),
    ).toEqual(Array(10).fill(['event_rejected', true, true]));
    expect(errors[10]).toMatchObject({ code: 'event_rejected', message: expect.stringContaining('2 more') });
    // Rejected events are acknowledged like accepted ones: the outbox is empty, nothing goes again.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await sync.flush();
    expect(backend.requests).toHaveLength(1);
  });

  it('a rejected event never holds back the events behind it', async () => {
    const { sync, enqueue, errors } = client();
    const [bad, ...good] = enqueue(5);
    backend.reject(bad, 'bad value');
    await sync.flush();
    const later = enqueue(5, 5);
    await sync.flush();
    expect(backend.stored).toEqual([...good, ...later]);
    expect(errors.map((e) => e.code)).toEqual(['event_rejected']);
  });
});

describe('identity tokens on GET /v1/state', () => {
  it('sends Authorization: Bearer <token> for a user with a token, none otherwise', async () => {
    const auth: (string | null)[] = [];
    backend.server.use(
      http.get(`${ENDPOINT}/v1/state`, ({ request }) => {
        auth.push(request.headers.get('authorization'));
        return HttpResponse.json({ achieved: {} });
      }),
    );
    const { sync } = client();
    sync.setToken('u_a', 'token-a');
    await sync.pull({ userId: 'u_a', anonymousId: 'anon-1' });
    await sync.pull({ userId: 'u_b', anonymousId: 'anon-1' });
    await sync.pull({ anonymousId: 'anon-1' });
    expect(auth).toEqual(['Bearer token-a', null, null]);
  });

  it('a 401 reports identity_rejected once per token and answers nothing to apply', async () => {
    backend.server.use(
      http.get(`${ENDPOINT}/v1/state`, () => HttpResponse.json({ error: 'unauthorized' }, { status: 401 })),
    );
    const { sync, errors } = client();
    sync.setToken('u_a', 'token-a');
    expect(await sync.pull({ userId: 'u_a', anonymousId: 'anon-1' })).toBeUndefined();
    expect(await sync.pull({ userId: 'u_a', anonymousId: 'anon-1' })).toBeUndefined();
    expect(errors.map((e) => [e.code, e.userId])).toEqual([['identity_rejected', 'u_a']]);
    sync.setToken('u_a', 'token-a2');
    await sync.pull({ userId: 'u_a', anonymousId: 'anon-1' });
    expect(errors.map((e) => e.code)).toEqual(['identity_rejected', 'identity_rejected']);
  });

  it('keeps a well-formed overall standing and leaves out what is not', async () => {
    const answers = [
      { achieved: {}, overall: { percentile: 80, typicalAtThisAge: 5 } },
      { achieved: {}, overall: { percentile: 180, typicalAtThisAge: 'five' } },
      { achieved: {}, overall: { typicalAtThisAge: 2 } },
    ];
    backend.server.use(http.get(`${ENDPOINT}/v1/state`, () => HttpResponse.json(answers.shift())));
    const { sync } = client();
    const pulls = [];
    for (let i = 0; i < 3; i++) pulls.push((await sync.pull({ anonymousId: 'anon-1' }))?.overall);
    expect(pulls).toEqual([{ percentile: 80, typicalAtThisAge: 5 }, undefined, { typicalAtThisAge: 2 }]);
  });
});
