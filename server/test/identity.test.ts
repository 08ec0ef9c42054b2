import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUserToken } from '../src/identity/signUserToken';
import {
  databases,
  IDENTITY_SECRET,
  many,
  ROTATED_SECRET,
  startTestServer,
  T0,
  type TestServer,
  token,
  wire,
} from './helpers';

const iso = (t: number) => new Date(t).toISOString();

describe.each(databases)("identity: 'required' on $name", ({ url, skip }) => {
  let s: TestServer;
  const count = async (userId: string) =>
    (await s.server.db.query('select count(*)::int as n from waymark_events where user_id = $1', [userId]))[0]
      .n as number;

  beforeAll(async () => {
    if (!skip)
      s = await startTestServer(url, { identity: 'required', identitySecrets: [IDENTITY_SECRET, ROTATED_SECRET] });
  }, 60_000);
  afterAll(() => s?.close());

  describe.skipIf(skip)('writing', () => {
    it('events naming a userId without a token: 401, nothing stored (the client keeps them)', async () => {
      const res = await s.post({
        projectKey: 'pk_test',
        events: [wire({ userId: 'victim', name: 'project_created' })],
      });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatch(/token is missing/);
      expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
      expect(await count('victim')).toBe(0);
    });

    it("ten forged events for a victim, with the attacker's own valid token, achieve nothing for the victim", async () => {
      const attacker = await token('attacker');
      const res = await s.post({
        projectKey: 'pk_test',
        userToken: attacker,
        events: [
          wire({ anonymousId: 'att', userId: 'victim', name: 'project_created' }),
          ...many(10, () => ({ anonymousId: 'att', userId: 'victim' })),
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(0);
      expect(res.body.rejected).toHaveLength(11);
      expect(res.body.rejected[0].reason).toMatch(/another user/);
      await s.server.idle();
      expect(await count('victim')).toBe(0);
      const state = await s.state({ userId: 'victim', anonymousId: 'v' }, await token('victim'));
      expect(state.body.achieved).toEqual({});
    });

    it("with the user's own token: stored and verified", async () => {
      const res = await s.post({
        projectKey: 'pk_test',
        userToken: await token('alice'),
        events: [wire({ anonymousId: 'al', userId: 'alice', name: 'project_created' })],
      });
      expect(res.body).toEqual({ accepted: 1, duplicates: 0 });
      const [row] = await s.server.db.query('select verified from waymark_events where user_id = $1', ['alice']);
      expect(row.verified).toBe(true);
      await s.server.idle();
      expect(
        (await s.state({ userId: 'alice', anonymousId: 'al' }, await token('alice'))).body.achieved['first-project'],
      ).toBe(iso(T0));
    });

    it('an expired token is a 401 that says so; a token from the second (rotated) secret works', async () => {
      const expired = await signUserToken({ userId: 'bob' }, IDENTITY_SECRET, { expiresIn: -120 });
      const res = await s.post({ projectKey: 'pk_test', userToken: expired, events: [wire({ userId: 'bob' })] });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatch(/expired/);
      const rotated = await token('bob', undefined, {}, ROTATED_SECRET);
      expect(
        (await s.post({ projectKey: 'pk_test', userToken: rotated, events: [wire({ userId: 'bob' })] })).status,
      ).toBe(200);
    });

    it('a token signed with another secret is refused', async () => {
      const forged = await token('bob', undefined, {}, 'someone-elses-secret-0123456789-abcdef');
      expect(
        (await s.post({ projectKey: 'pk_test', userToken: forged, events: [wire({ userId: 'bob' })] })).status,
      ).toBe(401);
      expect(
        (await s.post({ projectKey: 'pk_test', userToken: 'not.a.jwt', events: [wire({ userId: 'bob' })] })).status,
      ).toBe(401);
    });

    it('anonymous events need no token', async () => {
      expect(
        (await s.post({ projectKey: 'pk_test', events: [wire({ anonymousId: 'just-visiting' })] })).body.accepted,
      ).toBe(1);
    });

    it('an account counts only when the token names it; another account is refused', async () => {
      const carol = await token('carol', 'acct-c');
      const res = await s.post({
        projectKey: 'pk_test',
        userToken: carol,
        events: [
          wire({ userId: 'carol', anonymousId: 'ca', type: 'group', name: undefined, accountId: 'acct-c' }),
          wire({ userId: 'carol', anonymousId: 'ca', type: 'group', name: undefined, accountId: 'acct-other' }),
        ],
      });
      expect(res.body.accepted).toBe(1);
      expect(res.body.rejected[0].reason).toMatch(/token's account/);
      // A token without an account proves no account: the events are kept, the account is not counted.
      const dave = await token('dave');
      await s.post({
        projectKey: 'pk_test',
        userToken: dave,
        events: many(50, () => ({ userId: 'dave', anonymousId: 'da', accountId: 'acct-d' })),
      });
      await s.server.idle();
      expect((await s.state({ userId: 'dave', anonymousId: 'da' }, dave)).body.achieved).toEqual({});
      const [row] = await s.server.db.query(
        `select count(*)::int as n from waymark_subjects where subject = 'c:acct-d'`,
      );
      expect(row.n).toBe(0);
    });
  });

  describe.skipIf(skip)('reading', () => {
    it("another user's state needs that user's token: 401 without one, or with one's own", async () => {
      const res = await s.state({ userId: 'alice', anonymousId: 'x' });
      expect(res.status).toBe(401);
      expect(res.body.error).toMatch(/token is missing/);
      expect((await s.state({ userId: 'alice', anonymousId: 'x' }, await token('mallory'))).status).toBe(401);
      expect((await s.state({ userId: 'alice', anonymousId: 'x' }, await token('alice'))).status).toBe(200);
    });

    it('an unknown user and a known one without achievements answer alike (no existence oracle)', async () => {
      const unknown = await s.state({ userId: 'nobody', anonymousId: 'n' }, await token('nobody'));
      expect(unknown.status).toBe(200);
      expect(unknown.body.achieved).toEqual({});
      expect(unknown.body.startedAt).toBeUndefined();
    });
  });
});

describe.each(databases)("identity: 'optional' on $name", ({ url, skip }) => {
  let s: TestServer;
  beforeAll(async () => {
    if (!skip) s = await startTestServer(url, { identity: 'optional', identitySecrets: [IDENTITY_SECRET] });
  }, 60_000);
  afterAll(() => s?.close());

  it.skipIf(skip)('everything is accepted; only events with a matching token are marked verified', async () => {
    const res = await s.post({
      projectKey: 'pk_test',
      userToken: await token('erin'),
      events: [wire({ userId: 'erin' }), wire({ userId: 'frank' }), wire({ anonymousId: 'anon' })],
    });
    expect(res.body).toEqual({ accepted: 3, duplicates: 0 });
    const rows = await s.server.db.query('select user_id, verified from waymark_events order by user_id nulls last');
    expect(rows.map((r) => [r.user_id, r.verified])).toEqual([
      ['erin', true],
      ['frank', false],
      [null, false],
    ]);
    expect((await s.post({ projectKey: 'pk_test', events: [wire({ userId: 'erin' })] })).status).toBe(200);
    expect((await s.state({ userId: 'erin', anonymousId: 'x' })).status).toBe(200);
  });
});
