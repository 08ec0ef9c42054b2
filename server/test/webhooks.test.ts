import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from '../src/index';
import type { Notification } from '../src/notify/createNotifier';
import { captureLog, DAY, databases, many, startTestServer, T0, type TestServer, wire } from './helpers';
import { newSecret, type Receiver, startReceiver } from './receiver';

const until = (check: () => unknown | Promise<unknown>, timeout = 20_000) =>
  vi.waitFor(check, { timeout, interval: 50 });

/** Publishes a notification as triggers do (in a transaction of its own), and wakes the workers. */
const publish = async (s: TestServer, n: Omit<Notification, 'projectKey' | 'at'>) => {
  await s.server.db.transaction((query) => s.server.notifier.publish(query, { projectKey: 'pk_test', at: T0, ...n }));
  void s.server.idle();
};

const deliveries = async (s: TestServer, filter: Record<string, string> = {}) => {
  const res = await s.admin('GET', `/v1/admin/webhooks/deliveries?${new URLSearchParams({ limit: '200', ...filter })}`);
  expect(res.status).toBe(200);
  return res.body as { deliveries: any[]; next?: string; disabledEndpoints: any[] };
};

const idOf = (r: { headers: Record<string, unknown> }) => r.headers['webhook-id'];

describe.each(databases)('webhooks on $name', ({ url, skip }) => {
  let s: TestServer;
  let receiver: Receiver;
  let downFixed = false;
  const secret = { a: newSecret(), b: newSecret(), h: newSecret() };
  // How many times this endpoint has seen this message (endpoints share a message's webhook-id).
  const countOf = (r: { path: string; headers: Record<string, unknown> }) =>
    receiver.at(r.path).filter((x) => idOf(x) === idOf(r)).length;

  beforeAll(async () => {
    if (skip) return;
    receiver = await startReceiver((r) => {
      const d = r.json.data;
      if (r.path === '/h' && d.triggerId === 'hang') return countOf(r) === 1 ? 'hang' : 200;
      if (r.path === '/a' && d.userId === 'flaky') return countOf(r) === 1 ? 500 : 200;
      if (r.path === '/a' && d.userId === 'down') return downFixed ? 200 : 500;
      return 200;
    });
    s = await startTestServer(
      url,
      {
        webhooks: [
          { url: receiver.url('/a'), secret: secret.a, events: ['*'] },
          { url: receiver.url('/b'), secret: secret.b, events: ['level.completed'] },
          { url: receiver.url('/h'), secret: secret.h, events: ['trigger.fired'] },
        ],
      },
      {
        allowPrivateNetworks: true,
        scheduleEvery: 0,
        webhookDelivery: { timeoutMs: 5000, retryDelays: [100, 100, 100] },
      },
    );
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await receiver?.close();
  });

  it.skipIf(skip)(
    'achievements are signed per Standard Webhooks: verifyWebhook and the standardwebhooks package both accept them; events filter',
    async () => {
      const events = [
        wire({ userId: 'alice', anonymousId: 'ad', type: 'group', name: undefined, accountId: 'acme' }),
        wire({ userId: 'alice', anonymousId: 'ad', name: 'project_created', accountId: 'acme' }),
        ...many(10, () => ({ userId: 'alice', anonymousId: 'ad', accountId: 'acme' })),
      ];
      expect((await s.post({ projectKey: 'pk_test', events })).status).toBe(200);
      await s.server.idle();
      const mine = (path: string) => receiver.at(path).filter((r) => r.json.data.userId === 'alice');
      await until(() => expect([mine('/a').length, mine('/b').length]).toEqual([3, 1]));

      const wallSeconds = Date.now() / 1000;
      for (const r of mine('/a')) {
        const payload = verifyWebhook(r.body, r.headers, secret.a);
        expect(new Webhook(secret.a).verify(r.body, r.headers as Record<string, string>)).toEqual(payload);
        expect(r.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]{24}$/);
        // webhook-timestamp is wall time (receivers check it against theirs); the payload's timestamp is product time.
        expect(Math.abs(Number(r.headers['webhook-timestamp']) - wallSeconds)).toBeLessThan(120);
        expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
        expect(r.headers['content-type']).toBe('application/json');
        expect(payload.timestamp).toBe(new Date(T0).toISOString());
      }
      expect(
        mine('/a')
          .map((r) => verifyWebhook(r.body, r.headers, secret.a))
          .sort(
            (x, y) =>
              x.type.localeCompare(y.type) || String(x.data.milestoneId).localeCompare(String(y.data.milestoneId)),
          ),
      ).toEqual([
        {
          type: 'level.completed',
          timestamp: new Date(T0).toISOString(),
          data: {
            projectKey: 'pk_test',
            userId: 'alice',
            accountId: 'acme',
            levelId: 'getting-started',
            achievedAt: new Date(T0).toISOString(),
          },
        },
        {
          type: 'milestone.achieved',
          timestamp: new Date(T0).toISOString(),
          data: {
            projectKey: 'pk_test',
            userId: 'alice',
            accountId: 'acme',
            milestoneId: 'first-project',
            achievedAt: new Date(T0).toISOString(),
          },
        },
        {
          type: 'milestone.achieved',
          timestamp: new Date(T0).toISOString(),
          data: {
            projectKey: 'pk_test',
            userId: 'alice',
            accountId: 'acme',
            milestoneId: 'ten-tasks',
            achievedAt: new Date(T0).toISOString(),
          },
        },
      ]);
      // The level went to /b (events: ['level.completed']) with the same webhook-id, signed with /b's secret.
      const [level] = mine('/b');
      expect(verifyWebhook(level.body, level.headers, secret.b).type).toBe('level.completed');
      expect(mine('/a').map(idOf)).toContain(idOf(level));
      expect(receiver.at('/h').filter((r) => r.json.data.userId === 'alice')).toEqual([]);

      // Not genuine: another endpoint's secret, a changed body, a signature from another time.
      const [first] = mine('/a');
      expect(() => verifyWebhook(first.body, first.headers, secret.b)).toThrow(WebhookVerificationError);
      expect(() => verifyWebhook(first.body.replace('alice', 'mallory'), first.headers, secret.a)).toThrow(
        WebhookVerificationError,
      );
      expect(() =>
        verifyWebhook(
          first.body,
          { ...first.headers, 'webhook-timestamp': String(Number(first.headers['webhook-timestamp']) - 1) },
          secret.a,
        ),
      ).toThrow(WebhookVerificationError);
      expect(() => verifyWebhook(first.body, {}, secret.a)).toThrow(WebhookVerificationError);
      // A Fetch Headers and a Buffer body work too.
      expect(
        verifyWebhook(Buffer.from(first.body), new Headers(first.headers as Record<string, string>), secret.a).data
          .userId,
      ).toBe('alice');

      // The delivery log: by user, by account, by endpoint (id or URL), by status and type.
      const log = await deliveries(s, { userId: 'alice' });
      expect(log.deliveries).toHaveLength(4);
      for (const d of log.deliveries) {
        expect(d).toMatchObject({
          status: 'succeeded',
          userId: 'alice',
          accountId: 'acme',
          attempts: [{ n: 1, status: 200 }],
        });
        expect(d.attempts[0].durationMs).toBeGreaterThanOrEqual(0);
        expect(Date.parse(d.attempts[0].at)).toBeGreaterThan(Date.now() - 600_000);
        expect(d.webhookId).toMatch(/^msg_/);
      }
      expect((await deliveries(s, { accountId: 'acme', userId: 'alice' })).deliveries).toHaveLength(4);
      const b = await deliveries(s, { endpoint: receiver.url('/b'), userId: 'alice' });
      expect(b.deliveries.map((d) => [d.type, d.url])).toEqual([['level.completed', receiver.url('/b')]]);
      expect((await deliveries(s, { endpoint: b.deliveries[0].endpointId, userId: 'alice' })).deliveries).toHaveLength(
        1,
      );
      expect((await deliveries(s, { userId: 'alice', status: 'failed' })).deliveries).toEqual([]);
      expect((await deliveries(s, { userId: 'alice', type: 'level.completed' })).deliveries).toHaveLength(2);
      // Pagination: newest first, `next` is the `before` of the next page.
      const page1 = await deliveries(s, { userId: 'alice', limit: '3' });
      expect(page1.deliveries).toHaveLength(3);
      const page2 = await deliveries(s, { userId: 'alice', limit: '3', before: page1.next! });
      expect(page2.deliveries).toHaveLength(1);
      expect(page2.next).toBeUndefined();
      expect(page1.deliveries[2].id).toBeGreaterThan(page2.deliveries[0].id);
      // Bad filters are a 400 naming the filter; no key is a 401.
      expect((await s.admin('GET', '/v1/admin/webhooks/deliveries?status=lost')).body.error).toMatch(/^status: /);
      expect((await s.admin('GET', '/v1/admin/webhooks/deliveries?limit=5000')).status).toBe(400);
      expect((await s.admin('GET', '/v1/admin/webhooks/deliveries?type=user.signed_up')).status).toBe(400);
      expect(
        (await s.admin('GET', '/v1/admin/webhooks/deliveries', undefined, 'sk_wrong_0123456789abcdef')).status,
      ).toBe(401);
    },
  );

  it.skipIf(skip)('a 500 then a 200: retried with the same webhook-id, each attempt in the log', async () => {
    await s.post({
      projectKey: 'pk_test',
      events: [wire({ userId: 'flaky', anonymousId: 'fd', name: 'project_created' })],
    });
    await s.server.idle();
    let d: any;
    await until(async () => {
      [d] = (await deliveries(s, { userId: 'flaky' })).deliveries;
      expect(d.status).toBe('succeeded');
    });
    const got = receiver.at('/a').filter((r) => r.json.data.userId === 'flaky');
    expect(got).toHaveLength(2);
    expect(new Set(got.map(idOf))).toEqual(new Set([d.webhookId]));
    for (const r of got) expect(verifyWebhook(r.body, r.headers, secret.a).data.milestoneId).toBe('first-project');
    expect(got[0].body).toBe(got[1].body);
    expect(d.attempts.map((a: any) => [a.n, a.status, a.error])).toEqual([
      [1, 500, undefined],
      [2, 200, undefined],
    ]);
    expect(Date.parse(d.attempts[1].at)).toBeGreaterThanOrEqual(Date.parse(d.attempts[0].at) + 100);
    expect(d.nextAttemptAt).toBeUndefined();
  });

  it.skipIf(skip)(
    'a receiver that hangs: the attempt ends at the timeout, while other deliveries and ingestion go on; then the retry',
    async () => {
      await publish(s, {
        type: 'trigger.fired',
        accountId: 'acme',
        triggerId: 'hang',
        key: 'trigger.fired:c:acme:hang:1',
      });
      await until(() => expect(receiver.at('/h').filter((r) => r.json.data.triggerId === 'hang')).toHaveLength(1));
      const [hung] = receiver.at('/h').filter((r) => r.json.data.triggerId === 'hang');

      // While /h hangs: a batch is verified and its webhook goes out (another slot of the outbound lane).
      expect(
        (
          await s.post({
            projectKey: 'pk_test',
            events: [wire({ userId: 'bob', anonymousId: 'bd', name: 'project_created' })],
          })
        ).status,
      ).toBe(200);
      await until(() => expect(receiver.at('/a').filter((r) => r.json.data.userId === 'bob')).toHaveLength(1));
      const [pending] = (
        await deliveries(s, { endpoint: receiver.url('/h'), type: 'trigger.fired' })
      ).deliveries.filter((d) => d.payload.data.triggerId === 'hang');
      expect(hung.answered).toBe(false);
      expect(pending).toMatchObject({ status: 'pending', attempts: [] });

      let d: any;
      await until(async () => {
        [d] = (await deliveries(s, { endpoint: receiver.url('/h') })).deliveries.filter(
          (x) => x.payload.data.triggerId === 'hang',
        );
        expect(d.status).toBe('succeeded');
      });
      expect(d.attempts.map((a: any) => [a.status, a.error])).toEqual([
        [undefined, 'no answer within 5 s'],
        [200, undefined],
      ]);
      expect(d.attempts[0].durationMs).toBeGreaterThanOrEqual(4900);
      expect(
        new Set(
          receiver
            .at('/h')
            .filter((r) => r.json.data.triggerId === 'hang')
            .map(idOf),
        ),
      ).toEqual(new Set([d.webhookId]));
      expect(d.accountId).toBe('acme');
      expect(d.userId).toBeUndefined();
    },
    60_000,
  );

  it.skipIf(skip)(
    'a delivery that failed for good is retried by hand: the same webhook-id, logged as manual',
    async () => {
      await s.post({
        projectKey: 'pk_test',
        events: [wire({ userId: 'down', anonymousId: 'dd', name: 'project_created' })],
      });
      await s.server.idle();
      let d: any;
      await until(async () => {
        [d] = (await deliveries(s, { userId: 'down' })).deliveries;
        expect(d.status).toBe('failed');
      });
      expect(d.attempts.map((a: any) => a.status)).toEqual([500, 500, 500, 500]);
      expect(d.note).toMatch(/^gave up after 4 attempts over /);
      expect((await deliveries(s, { status: 'failed' })).deliveries.map((x) => x.id)).toContain(d.id);

      downFixed = true;
      const retry = await s.admin('POST', `/v1/admin/webhooks/deliveries/${d.id}/retry`);
      expect(retry.status).toBe(202);
      expect(retry.body).toMatchObject({ id: d.id, retryRequested: true });
      await until(async () => {
        const one = await s.admin('GET', `/v1/admin/webhooks/deliveries/${d.id}`);
        expect(one.body.status).toBe('succeeded');
        d = one.body;
      });
      expect(d.attempts.map((a: any) => [a.n, a.status, a.manual])).toEqual([
        [1, 500, undefined],
        [2, 500, undefined],
        [3, 500, undefined],
        [4, 500, undefined],
        [5, 200, true],
      ]);
      expect(d.retryRequested).toBeUndefined();
      const got = receiver.at('/a').filter((r) => r.json.data.userId === 'down');
      expect(got).toHaveLength(5);
      expect(new Set(got.map(idOf))).toEqual(new Set([d.webhookId]));
      expect(verifyWebhook(got[4].body, got[4].headers, secret.a).data.userId).toBe('down');

      expect((await s.admin('POST', '/v1/admin/webhooks/deliveries/99999999/retry')).status).toBe(404);
      expect((await s.admin('POST', '/v1/admin/webhooks/deliveries/abc/retry')).body.error).toMatch(/^id: /);
      expect(
        (await s.admin('POST', `/v1/admin/webhooks/deliveries/${d.id}/retry`, undefined, 'sk_wrong_0123456789abcdef'))
          .status,
      ).toBe(401);
    },
    60_000,
  );

  it.skipIf(skip)('a notification published again (a job run again) is delivered once per endpoint', async () => {
    const n = {
      type: 'trigger.fired' as const,
      accountId: 'acme',
      triggerId: 'renewal-strong',
      key: 'trigger.fired:c:acme:renewal-strong:2026-11',
    };
    await publish(s, n);
    await publish(s, n);
    await s.server.idle();
    await until(() =>
      expect(
        receiver.seen
          .filter((r) => r.json.data.triggerId === 'renewal-strong')
          .map((r) => r.path)
          .sort(),
      ).toEqual(['/a', '/h']),
    );
    // A batch sent again (the client's retry) makes no new delivery either.
    const before = receiver.seen.length;
    await s.post({
      projectKey: 'pk_test',
      events: [wire({ userId: 'flaky', anonymousId: 'fd', name: 'project_created' })],
    });
    await s.server.idle();
    await publish(s, n);
    await s.server.idle();
    const made = (await deliveries(s, { type: 'trigger.fired', accountId: 'acme' })).deliveries.filter(
      (d) => d.payload.data.triggerId === 'renewal-strong',
    );
    expect(made).toHaveLength(2);
    expect(new Set(made.map((d) => d.webhookId)).size).toBe(1);
    expect(receiver.seen.length).toBe(before);
  });

  it.skipIf(skip)('erasing a user deletes their deliveries from the log', async () => {
    expect((await deliveries(s, { userId: 'flaky' })).deliveries.length).toBeGreaterThan(0);
    expect((await s.admin('DELETE', '/v1/admin/users/flaky')).status).toBe(200);
    expect((await deliveries(s, { userId: 'flaky' })).deliveries).toEqual([]);
    expect((await deliveries(s, { userId: 'alice' })).deliveries).toHaveLength(4);
  });

  it.skipIf(skip)('the endpoints with their health', async () => {
    const res = await s.admin('GET', '/v1/admin/webhooks/endpoints');
    expect(res.status).toBe(200);
    expect(res.body.endpoints.map((e: any) => [e.url, e.events, e.status])).toEqual([
      [receiver.url('/a'), ['*'], 'active'],
      [receiver.url('/b'), ['level.completed'], 'active'],
      [receiver.url('/h'), ['trigger.fired'], 'active'],
    ]);
    expect(res.body.endpoints[0].deliveries.succeeded).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toContain(secret.a.slice(6));
    expect((await s.admin('POST', '/v1/admin/webhooks/endpoints/ep_0000000000000000/enable')).status).toBe(404);
  });
});

describe.each(databases)('a failing webhook endpoint is disabled after 5 days, on $name', ({ url, skip }) => {
  let s: TestServer;
  let receiver: Receiver;
  let healthy = false;
  let offset = 0;
  const log = captureLog();
  const secret = newSecret();
  let n = 0;
  const fire = () =>
    publish(s, {
      type: 'trigger.fired',
      accountId: 'acme',
      triggerId: 'check-in',
      key: `trigger.fired:c:acme:check-in:${++n}`,
    });
  const mine = async () => (await deliveries(s)).deliveries.sort((a, b) => a.id - b.id);

  beforeAll(async () => {
    if (skip) return;
    receiver = await startReceiver(() => (healthy ? 200 : 500));
    s = await startTestServer(
      url,
      { webhooks: [{ url: receiver.url('/d'), secret }] },
      // The wall clock runs as usual, shifted by `offset`: five days of failures without five days of waiting.
      {
        allowPrivateNetworks: true,
        scheduleEvery: 0,
        logLevel: 'info',
        logStream: log.stream,
        webhookDelivery: { clock: () => Date.now() + offset, retryDelays: [3_600_000] },
      },
    );
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await receiver?.close();
  });

  it.skipIf(skip)(
    'failing for 4 days: still sent to; 5 days: disabled, reported in the log and the admin API; skipped; a manual retry that succeeds enables it',
    async () => {
      await fire();
      await until(async () => expect((await mine())[0]?.attempts).toHaveLength(1));
      const endpoint = async () => (await s.admin('GET', '/v1/admin/webhooks/endpoints')).body.endpoints[0];
      expect(await endpoint()).toMatchObject({ status: 'failing', url: receiver.url('/d') });
      expect((await mine())[0]).toMatchObject({ status: 'pending', attempts: [{ status: 500 }] });

      offset = 4 * DAY;
      await fire();
      await until(async () => expect((await mine())[1]?.attempts).toHaveLength(1));
      expect((await endpoint()).status).toBe('failing');

      offset = 5 * DAY + 60_000;
      await fire();
      await until(async () => expect((await endpoint()).status).toBe('disabled'));
      const report = await deliveries(s);
      expect(report.disabledEndpoints).toEqual([
        {
          id: (await endpoint()).id,
          url: receiver.url('/d'),
          disabledAt: expect.any(String),
          disabledReason: expect.stringMatching(/^every attempt failed for 5 days \(since /),
        },
      ]);
      expect((await mine()).map((d) => [d.status, d.attempts.length])).toEqual([
        ['failed', 1],
        ['failed', 1],
        ['failed', 1],
      ]);
      expect((await mine())[0].note).toBe('the endpoint was disabled');
      const line = log.lines.map((l) => JSON.parse(l)).find((l) => l.msg.startsWith('webhook endpoint disabled'));
      expect(line).toMatchObject({ level: 50, project: 'pk_test', host: `127.0.0.1:${receiver.port}` });
      expect(line.msg).toMatch(/every attempt failed for 5 days/);
      expect(log.text()).not.toContain(secret);

      // Disabled: a new notification is recorded as skipped, and nothing is sent.
      const sent = receiver.seen.length;
      await fire();
      await s.server.idle();
      const skipped = (await mine())[3];
      expect(skipped).toMatchObject({ status: 'skipped', attempts: [], note: 'the endpoint is disabled' });
      expect(receiver.seen.length).toBe(sent);

      healthy = true;
      expect((await s.admin('POST', `/v1/admin/webhooks/deliveries/${skipped.id}/retry`)).status).toBe(202);
      await until(async () =>
        expect((await mine())[3]).toMatchObject({ status: 'succeeded', attempts: [{ status: 200, manual: true }] }),
      );
      expect((await endpoint()).status).toBe('active');
      expect(
        log.lines.some((l) => JSON.parse(l).msg === 'webhook endpoint enabled again: a manual retry succeeded'),
      ).toBe(true);
      await fire();
      await until(async () =>
        expect((await mine())[4]).toMatchObject({ status: 'succeeded', attempts: [{ status: 200 }] }),
      );
    },
    60_000,
  );
});

describe.each(databases)('SSRF at connect time on $name', ({ url, skip }) => {
  let s: TestServer;
  let receiver: Receiver;

  beforeAll(async () => {
    if (skip) return;
    receiver = await startReceiver();
    s = await startTestServer(
      url,
      { webhooks: [{ url: `http://hooks.example.test:${receiver.port}/in`, secret: newSecret() }] },
      {
        scheduleEvery: 0,
        // A public-looking name whose DNS answers a loopback address (DNS rebinding does this between two queries).
        webhookDelivery: {
          lookup: (_host, options, callback) =>
            options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4),
          retryDelays: [3_600_000],
        },
      },
    );
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await receiver?.close();
  });

  it.skipIf(skip)(
    'a name that resolves to a private address is refused when connecting: logged as the attempt, nothing sent',
    async () => {
      await publish(s, {
        type: 'trigger.fired',
        accountId: 'acme',
        triggerId: 'check-in',
        key: 'trigger.fired:c:acme:check-in:1',
      });
      let d: any;
      await until(async () => {
        [d] = (await deliveries(s)).deliveries;
        expect(d?.attempts).toHaveLength(1);
      });
      expect(d.attempts[0].status).toBeUndefined();
      expect(d.attempts[0].error).toBe(
        'hooks.example.test resolves to 127.0.0.1, a loopback address: refused (SSRF); allowPrivateNetworks is off',
      );
      expect(d.status).toBe('pending');
      expect(receiver.seen).toEqual([]);
    },
  );
});
