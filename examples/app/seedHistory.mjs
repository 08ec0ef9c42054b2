// A synthetic history for the demo's backend: 100 accounts and 750 users over the last 90 days, with the kinds of
// teams a customer-success manager meets (fast adopters, slow starters, teams that stall, power users), so the
// dashboard shows meaningful numbers on the first run. It goes through the real ingestion and verification (each
// user's events sent with a token for them, the server's injected clock moved to their first and last active days), so the milestones
// are what the server itself computed.
import { signUserToken } from 'waymark-server';

const DAY = 864e5;
const FEATURES = ['list', 'kanban', 'calendar', 'docs', 'timeline', 'gantt'];
const KINDS = [
  // share of accounts, chance a user is active on a day, tasks a day, when (days) power features start, active for (days)
  { kind: 'fast', share: 0.3, active: 0.7, tasks: 3, power: 6, lasts: 999, invites: 0.9 },
  { kind: 'slow', share: 0.3, active: 0.3, tasks: 1.5, power: 45, lasts: 999, invites: 0.5 },
  { kind: 'stalled', share: 0.2, active: 0.5, tasks: 2, power: 999, lasts: 9, invites: 0.3 },
  { kind: 'power', share: 0.2, active: 0.9, tasks: 5, power: 2, lasts: 999, invites: 1 },
];
const NAMES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Hooli',
  'Vandelay',
  'Stark',
  'Wayne',
  'Wonka',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Oscorp',
  'Aperture',
  'Pied Piper',
  'Massive Dynamic',
  'Gringotts',
  'Monarch',
  'Dunder Mifflin',
  'Prestige',
];

/** A seeded PRNG (mulberry32): the same history every time. */
const prng = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** The kind whose share, added to those before it, first reaches `roll` (from 0 to 1). */
const pickKind = (roll) => {
  let shares = 0;
  for (const kind of KINDS) {
    shares += kind.share;
    if (shares >= roll) return kind;
  }
  return KINDS[0];
};

/** The accounts and users of the history: who, of which kind, from which day. */
function people(random, accounts, users, days) {
  const list = [];
  for (let a = 0; a < accounts; a++) {
    const roll = random();
    const profile = pickKind(roll);
    const name = `${NAMES[a % NAMES.length]}${a >= NAMES.length ? ` ${Math.floor(a / NAMES.length) + 1}` : ''}`;
    list.push({
      id: `acct_${String(a + 1).padStart(3, '0')}`,
      name,
      profile,
      start: Math.floor(random() * (days - 8)),
      users: [],
    });
  }
  for (let u = 0; u < users; u++) {
    const account = list[u < accounts ? u : Math.floor(random() * accounts)];
    // Teammates join over the account's first three weeks.
    const start = Math.min(days - 1, account.start + (account.users.length ? Math.floor(random() * 21) : 0));
    account.users.push({
      id: `user_${String(u + 1).padStart(4, '0')}`,
      start,
      email: `user${u + 1}@${account.name.toLowerCase().replace(/\W+/g, '')}.example`,
    });
  }
  return list;
}

/** The events one user does on one day of their life (age: days since they started). */
function dayOf(random, profile, age, at) {
  const events = [];
  const add = (name, properties = {}) =>
    events.push({ name, properties, at: at + Math.floor(random() * 10 * 3600_000) });
  add('session_started');
  if (age === 0 || random() < 0.04) add('project_created');
  const tasks = Math.round(profile.tasks * (0.5 + random()));
  for (let i = 0; i < tasks; i++) add('task_added');
  for (let i = 0; i < Math.round(tasks * 0.8); i++) add('task_completed');
  if (age < 4 && random() < profile.invites / 3) add('member_invited');
  if (random() < 0.3) add('feature_used', { feature: FEATURES[Math.floor(random() * FEATURES.length)] });
  if (age >= profile.power && random() < 0.25)
    add(['workflow_automated', 'report_generated', 'integration_connected'][Math.floor(random() * 3)]);
  if (random() < 0.4) add('tickets_resolved', { count: 5 + Math.floor(random() * 40) });
  return events;
}

/**
 * Sends the history through the server, moving its clock.
 *
 * @example
 * const clock = { now: undefined };
 * const server = await createServer({ ..., now: () => clock.now ?? Date.now() });
 * await seedHistory(server, clock, { projectKey, identitySecret, end: Date.now() });
 *
 * @param {import('waymark-server').WaymarkServer} server
 * @param {{ now: number | undefined }} clock the server's `now` reads it
 * @param {{ projectKey: string, identitySecret: string, end: number, accounts?: number, users?: number, days?: number, seed?: number, onProgress?: (users: number, of: number) => void }} options
 */
export async function seedHistory(
  server,
  clock,
  { projectKey, identitySecret, end, accounts = 100, users = 750, days = 90, seed = 20261201, onProgress },
) {
  const random = prng(seed);
  const first = Math.floor(end / DAY) * DAY - days * DAY;
  const all = people(random, accounts, users, days);
  const tokens = new Map();
  const tokenOf = async (user, account) =>
    tokens.get(user.id) ??
    tokens
      .set(
        user.id,
        await signUserToken({ userId: user.id, accountId: account.id }, identitySecret, { expiresIn: '1h' }),
      )
      .get(user.id);
  const post = async (user, account, events) => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ projectKey, userToken: await tokenOf(user, account), events }),
    });
    if (res.statusCode !== 200) throw new Error(`seeding: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
  };
  let serial = 0;
  const wire = (user, account, type, e, extra = {}) => ({
    id: `seed-${seed}-${serial++}`,
    type,
    userId: user.id,
    anonymousId: `seed-device-${user.id}`,
    accountId: account.id,
    timestamp: new Date(e.at).toISOString(),
    ...(e.name && { name: e.name }),
    ...(e.properties && Object.keys(e.properties).length && { properties: e.properties }),
    ...extra,
  });
  // Each user's first day is sent that day, so the server's first sight of them (their start) is real; the rest of
  // their history is sent on their last active day, so that the server, which takes a user's activity from when it
  // receives events, sees who went quiet and when (retention, "quiet for 30 days", last seen). The server takes past
  // timestamps from after a user's start, so milestones keep their real dates. One timeline, in the order sent: the
  // server's clock only moves forward.
  const everyone = all
    .flatMap((account) => account.users.map((user) => ({ user, account })))
    .sort((a, b) => a.user.start - b.user.start);
  const sends = [];
  for (const { user, account } of everyone) {
    const at = first + user.start * DAY + 8 * 3600_000;
    sends.push({
      at,
      user,
      account,
      events: [
        wire(
          user,
          account,
          'identify',
          { at },
          { properties: { email: user.email, plan: account.profile.kind === 'power' ? 'enterprise' : 'pro' } },
        ),
        wire(user, account, 'group', { at }, { properties: { name: account.name } }),
        ...dayOf(random, account.profile, 0, at).map((e) => wire(user, account, 'track', e)),
      ],
    });
  }
  for (const { user, account } of everyone) {
    const events = [];
    for (let day = user.start + 1; day < days; day++) {
      const age = day - user.start;
      if (age > account.profile.lasts || random() > account.profile.active) continue;
      events.push(
        ...dayOf(random, account.profile, age, first + day * DAY + 8 * 3600_000).map((e) =>
          wire(user, account, 'track', e),
        ),
      );
    }
    // Sent an hour after the day's last event (events fall within ten hours of 8:00), never after `end`.
    const last = Math.max(...events.map((e) => Date.parse(e.timestamp)));
    if (events.length) sends.push({ at: Math.min(end, last + 3600_000), user, account, events });
  }
  sends.sort((a, b) => a.at - b.at);
  // Progress counts users whose whole history was sent.
  const left = new Map();
  for (const { user } of sends) left.set(user, (left.get(user) ?? 0) + 1);
  let done = 0;
  onProgress?.(0, everyone.length);
  for (const { at, user, account, events } of sends) {
    clock.now = at;
    for (let i = 0; i < events.length; i += 500) await post(user, account, events.slice(i, i + 500));
    left.set(user, left.get(user) - 1);
    if (!left.get(user) && ++done % 300 === 0 && done < everyone.length) onProgress?.(done, everyone.length);
  }
  clock.now = end;
  await server.idle();
  await server.app.inject({
    method: 'POST',
    url: '/v1/admin/scheduled/run',
    headers: { authorization: `Bearer ${server.config.projects.find((p) => p.key === projectKey).secretKey}` },
  });
  await server.idle();
  onProgress?.(everyone.length, everyone.length);
  clock.now = undefined;
  return { accounts: all.length, users: all.reduce((n, a) => n + a.users.length, 0), events: serial };
}
