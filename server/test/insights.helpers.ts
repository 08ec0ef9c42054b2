import { expect } from 'vitest';
import { type TestServer, token, wire } from './helpers';

/** Definitions of the insight tests: a segment, a level and an account-scope milestone. */
export const insightDefinitions = {
  milestones: [
    { id: 'first-project', title: 'First project', rule: { event: 'project_created' } },
    { id: 'invite', title: 'Invite a teammate', rule: { event: 'member_invited' } },
    { id: 'pro-report', title: 'A pro report', rule: { event: 'report_created' }, segment: { plan: ['pro'] } },
    {
      id: 'team-three',
      title: 'Team: three tasks',
      rule: { event: 'task_completed', count: 3 },
      scope: 'account' as const,
    },
  ],
  levels: [{ id: 'start', title: 'Start', milestones: ['first-project', 'invite'] }],
};

/**
 * Waits until no verification is left for the project, delayed ones included: `idle()` resolves when nothing is due,
 * and on a shared PostgreSQL a verification waits (200 ms at a time) for transactions older than it to end, other
 * test files' among them, so it can be not yet due when `idle()` answers.
 */
export const settle = async (s: TestServer, projectKey = 'pk_test') => {
  for (let round = 0; round < 300; round++) {
    await s.server.idle();
    const [{ n }] = await s.server.db.query(
      `select count(*)::int n from waymark_jobs where project_key = $1 and kind = 'verify'`,
      [projectKey],
    );
    if (n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('verification did not finish in 15 s');
};

/** Events of one user at product time `at`: the clock moves there, the batch is sent and verified. */
export const act = async (
  s: TestServer,
  at: number,
  userId: string,
  names: (string | Record<string, unknown>)[],
  options: { accountId?: string; signed?: boolean; projectKey?: string } = {},
) => {
  s.clock.now = at;
  const events = names.map((n) =>
    wire({
      userId,
      anonymousId: `dev-${userId}`,
      timestamp: new Date(at).toISOString(),
      ...(options.accountId && { accountId: options.accountId }),
      ...(typeof n === 'string' ? { name: n } : n),
    }),
  );
  const userToken = options.signed ? await token(userId, options.accountId) : undefined;
  const sent = await s.post({ projectKey: options.projectKey ?? 'pk_test', userToken, events });
  expect(sent.status).toBe(200);
  await settle(s, options.projectKey);
};
