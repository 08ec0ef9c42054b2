import { expect } from 'vitest';
import { token, wire, type TestServer } from './helpers';

/** Definitions of the insight tests: a segment, a level and an account-scope milestone. */
export const insightDefinitions = {
  milestones: [
    { id: 'first-project', title: 'First project', rule: { event: 'project_created' } },
    { id: 'invite', title: 'Invite a teammate', rule: { event: 'member_invited' } },
    { id: 'pro-report', title: 'A pro report', rule: { event: 'report_created' }, segment: { plan: ['pro'] } },
    { id: 'team-three', title: 'Team: three tasks', rule: { event: 'task_completed', count: 3 }, scope: 'account' as const },
  ],
  levels: [{ id: 'start', title: 'Start', milestones: ['first-project', 'invite'] }],
};

/** Events of one user at product time `at`: the clock moves there, the batch is sent and verified. */
export const act = async (s: TestServer, at: number, userId: string, names: (string | Record<string, unknown>)[], options: { accountId?: string; signed?: boolean; projectKey?: string } = {}) => {
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
  await s.server.idle();
};

