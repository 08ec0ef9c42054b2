import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';
import { definitions, SECRET, startTestServer, wire } from './helpers';
import { newSecret, startReceiver } from './receiver';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const recipes = readme.slice(readme.indexOf('#### A receiver, with three recipes'));
const code = recipes.slice(recipes.indexOf('```js') + 5, recipes.indexOf('```', recipes.indexOf('```js') + 5));

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

it("the README's webhook receiver works as pasted: Slack, a HubSpot task, PostHog; unsigned requests refused", async () => {
  // Slack, HubSpot and PostHog stand-ins on loopback; the recipe reads their URLs from the environment.
  const services = await startReceiver();
  const port = await freePort();
  const secret = newSecret();
  const s = await startTestServer(
    undefined,
    {
      definitions: {
        ...definitions,
        milestones: [
          ...definitions.milestones,
          { id: 'power-user', title: 'Power User', rule: { event: 'report_shared' } },
        ],
      },
      webhooks: [{ url: `http://127.0.0.1:${port}/waymark`, secret }],
    },
    { allowPrivateNetworks: true, scheduleEvery: 0 },
  );
  // Inside the package, so `import … from 'waymark-server'` resolves as it would in an app (package self-reference).
  const file = fileURLToPath(new URL(`../.hooks-readme-${process.pid}.mjs`, import.meta.url));
  writeFileSync(file, code);
  const child = spawn(process.execPath, [file], {
    env: {
      ...process.env,
      PORT: String(port),
      WAYMARK_WEBHOOK_SECRET: secret,
      WAYMARK_URL: s.url,
      WAYMARK_SECRET_KEY: SECRET,
      SLACK_WEBHOOK_URL: services.url('/slack'),
      HUBSPOT_API: services.url(''),
      HUBSPOT_TOKEN: 'hubspot-token',
      POSTHOG_HOST: services.url(''),
      POSTHOG_KEY: 'phc_test',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await vi.waitFor(
      async () => expect((await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' })).status).toBe(401),
      { timeout: 20_000, interval: 100 },
    );

    const events = [
      wire({ userId: 'u_123', anonymousId: 'a1', type: 'group', name: undefined, accountId: 'acct_9' }),
      wire({ userId: 'u_123', anonymousId: 'a1', name: 'report_shared', accountId: 'acct_9' }),
    ];
    expect((await s.post({ projectKey: 'pk_test', events })).status).toBe(200);
    await s.server.db.transaction((query) =>
      s.server.notifier.publish(query, {
        type: 'trigger.fired',
        projectKey: 'pk_test',
        at: Date.now(),
        accountId: 'acct_9',
        triggerId: 'check-in',
        key: 'trigger.fired:c:acct_9:check-in:1',
      }),
    );
    await s.server.idle();
    await vi.waitFor(() => expect(services.at('/crm/v3/objects/tasks')).toHaveLength(1), {
      timeout: 20_000,
      interval: 100,
    });

    expect(services.at('/slack').map((r) => r.json)).toEqual([{ text: 'Acme Corp just hit Power User' }]);
    const [task] = services.at('/crm/v3/objects/tasks');
    expect(task.headers.authorization).toBe('Bearer hubspot-token');
    expect(task.json.properties).toMatchObject({
      hs_task_subject: 'Check in with Acme Corp',
      hs_task_status: 'NOT_STARTED',
      hs_task_priority: 'HIGH',
    });
    const captured = services.at('/i/v0/e/').map((r) => r.json);
    expect(captured.map((c) => [c.event, c.distinct_id, c.properties.milestoneId]).sort()).toEqual([
      ['milestone.achieved', 'u_123', 'power-user'],
    ]);
    expect(captured[0]).toMatchObject({
      api_key: 'phc_test',
      properties: { accountId: 'acct_9', $groups: { company: 'acct_9' } },
    });
    // Every delivery was answered 204 on its first attempt.
    const log = (await s.admin('GET', '/v1/admin/webhooks/deliveries')).body.deliveries;
    expect(log.map((d: any) => [d.type, d.status, d.attempts.map((a: any) => a.status)])).toEqual([
      ['trigger.fired', 'succeeded', [204]],
      ['milestone.achieved', 'succeeded', [204]],
    ]);
  } finally {
    child.kill();
    rmSync(file, { force: true });
    await s.close();
    await services.close();
  }
}, 90_000);
