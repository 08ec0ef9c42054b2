import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/ConfigError';
import { readConfig } from '../src/config/readConfig';
import { addressProblem } from '../src/webhooks/addressProblem';
import type { WebhookConfig } from '../src/webhooks/readWebhooks';
import { type Lookup, safeLookup } from '../src/webhooks/safeLookup';
import { SECRET } from './helpers';
import { newSecret } from './receiver';

const problems = (webhooks: unknown, allowPrivateNetworks = false) => {
  try {
    const config = readConfig({
      allowPrivateNetworks,
      projects: [{ key: 'pk', secretKey: SECRET, webhooks: webhooks as WebhookConfig[] }],
    });
    return config.projects[0].webhooks;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
};

describe('webhook configuration', () => {
  it.each([
    ['http://127.0.0.1:3000/hook', '127.0.0.1 is a loopback address'],
    ['http://localhost/hook', 'localhost is a loopback name'],
    ['http://api.localhost/hook', 'api.localhost is a loopback name'],
    ['http://[::1]/hook', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1 is a loopback address'],
    ['http://2130706433/hook', '127.0.0.1 is a loopback address'],
    ['http://0x7f.1/hook', '127.0.0.1 is a loopback address'],
    ['http://10.1.2.3/hook', '10.1.2.3 is a private-network address'],
    ['http://192.168.0.10/hook', '192.168.0.10 is a private-network address'],
    ['https://172.16.5.4/hook', '172.16.5.4 is a private-network address'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local (cloud metadata) address'],
    ['http://[fd00::1]/hook', 'fd00::1 is a private-network (unique local) address'],
    ['http://[fe80::1]/hook', 'fe80::1 is a link-local (cloud metadata) address'],
    ['http://0.0.0.0/hook', '0.0.0.0 is an unspecified address'],
    ['http://100.64.0.1/hook', '100.64.0.1 is a carrier-grade NAT address'],
  ])('%s is refused at start (SSRF)', (url, why) => {
    expect(problems([{ url, secret: newSecret() }])).toEqual([
      `projects[0].webhooks[0].url: ${why}: webhook URLs on loopback or private networks are refused (SSRF); for development, set "allowPrivateNetworks": true at the top level of the configuration, beside "projects" (not inside a project)`,
    ]);
  });

  it('allowPrivateNetworks lets them through; a public address or name passes either way', () => {
    const secret = newSecret();
    expect(problems([{ url: 'http://127.0.0.1:3000/hook', secret }], true)).toMatchObject([
      { url: 'http://127.0.0.1:3000/hook', events: ['*'] },
    ]);
    const [a, b] = problems([
      { url: 'https://hooks.slack.com/services/T0/B0/x', secret, events: ['milestone.achieved'] },
      { url: 'http://93.184.216.34/hook', secret },
    ]) as { id: string; events: string[] }[];
    expect(a.events).toEqual(['milestone.achieved']);
    expect(a.id).toMatch(/^ep_[0-9a-f]{16}$/);
    expect(b.id).not.toBe(a.id);
  });

  it('every other problem, with its path', () => {
    expect(
      problems([
        { url: 'ftp://files.example.com/x', secret: newSecret() },
        { url: 'https://crm.example.com/hook', secret: 'hunter2' },
        { url: 'https://crm.example.com/hook2', secret: `whsec_${Buffer.alloc(8).toString('base64')}` },
        {
          url: 'https://crm.example.com/hook3',
          secret: newSecret(),
          events: ['milestone.achieved', 'user.created'],
          retries: 3,
        },
        { url: 'https://crm.example.com/hook4', secret: newSecret(), events: [] },
        'https://crm.example.com/hook5',
      ]),
    ).toEqual([
      'projects[0].webhooks[0].url: expected an http(s) URL, got ftp:',
      expect.stringMatching(
        /^projects\[0\]\.webhooks\[1\]\.secret: expected "whsec_" followed by base64 \(Standard Webhooks\); generate one with: /,
      ),
      expect.stringMatching(/^projects\[0\]\.webhooks\[2\]\.secret: expected 24 to 64 bytes after "whsec_", got 8; /),
      'projects[0].webhooks[3].retries: unknown field (expected url, secret, events)',
      'projects[0].webhooks[3].events[1]: unknown event type "user.created"; expected one of milestone.achieved, level.completed, milestone.overdue, trigger.fired or "*"',
      'projects[0].webhooks[4].events: expected a non-empty array of event types (milestone.achieved, level.completed, milestone.overdue, trigger.fired) or ["*"]',
      'projects[0].webhooks[5]: expected { url, secret, events }',
    ]);
    expect(problems({ url: 'https://crm.example.com' })).toEqual([
      'projects[0].webhooks: expected an array of { url, secret, events }',
    ]);
    const secret = newSecret();
    expect(
      problems([
        { url: 'https://a.example.com/h', secret },
        { url: 'https://a.example.com/h', secret },
      ]),
    ).toEqual(['projects[0].webhooks[1].url: the same URL is configured twice in this project']);
  });

  it('webhookDelivery is checked too', () => {
    expect(() =>
      readConfig({
        projects: [{ key: 'pk', secretKey: SECRET }],
        webhookDelivery: { timeoutMs: -1, retryDelays: [5, 'soon'] as never, clock: 3 as never },
      }),
    ).toThrow(
      /webhookDelivery\.timeoutMs: expected a positive number of ms[\s\S]*webhookDelivery\.retryDelays: [\s\S]*webhookDelivery\.clock: /,
    );
  });
});

describe('addresses at connect time', () => {
  it.each([
    ['93.184.216.34', undefined],
    ['2606:2800:220:1:248:1893:25c8:1946', undefined],
    ['127.0.0.1', 'a loopback address'],
    ['::ffff:10.0.0.1', 'a private-network address'],
    ['169.254.169.254', 'a link-local (cloud metadata) address'],
    ['fc00::5', 'a private-network (unique local) address'],
  ])('%s: %s', (address, why) => expect(addressProblem(address)).toBe(why));

  const answering =
    (...addresses: string[]): Lookup =>
    (_host, _options, callback) =>
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
  const resolve = (lookup: Lookup, all: boolean) =>
    new Promise<{ error: Error | null; found: string | LookupAddress[] }>((done) =>
      lookup('hooks.example.com', { all }, (error, found) => done({ error, found })),
    );

  it('a name is refused when any address it resolves to is private (DNS rebinding), and passed on when all are public', async () => {
    const mixed = await resolve(safeLookup(answering('93.184.216.34', '10.0.0.7'), false), true);
    expect(mixed.error?.message).toBe(
      'hooks.example.com resolves to 10.0.0.7, a private-network address: refused (SSRF); allowPrivateNetworks is off',
    );
    expect((mixed.error as { code?: string }).code).toBe('EWAYMARK_PRIVATE_ADDRESS');
    expect((await resolve(safeLookup(answering('93.184.216.34', '2606:2800:220:1::1'), false), true)).found).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ]);
    expect((await resolve(safeLookup(answering('93.184.216.34'), false), false)).found).toBe('93.184.216.34');
    expect((await resolve(safeLookup(answering('127.0.0.1'), true), false)).error).toBeNull();
  });
});
