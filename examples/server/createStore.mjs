// Every query the reference backend runs, on either database (see openDatabase.mjs).

// One person: a user's own events plus the anonymous events of the devices they identified on; or one anonymous device.
// $1 project key, $2 user id (or null), $3 anonymous id (or null).
const PERSON = `project_key = $1 and (
  ($2::text is not null and (user_id = $2 or (user_id is null and anonymous_id in
    (select anonymous_id from waymark_events where project_key = $1 and user_id = $2))))
  or (user_id is null and anonymous_id = $3))`;

/** Every event's person, as a subject: 'u:<userId>' (also for the anonymous events of a device that identified) or 'a:<anonymousId>'. */
const SUBJECTS = `select e.*, coalesce('u:' || coalesce(e.user_id, l.user_id), 'a:' || e.anonymous_id) as subject
  from waymark_events e left join (
    select distinct on (anonymous_id) anonymous_id, user_id from waymark_events
    where project_key = $1 and user_id is not null order by anonymous_id, ts
  ) l on e.user_id is null and l.anonymous_id = e.anonymous_id
  where e.project_key = $1`;

const iso = (t) => new Date(t).toISOString();

/**
 * @example
 * const store = createStore(db);
 * await store.insertBatch('pk_demo', events); // { accepted: 20, duplicates: 0 }
 *
 * @param {import('./openDatabase.mjs').Database} db
 */
export function createStore(db) {
  return {
    /** Stores new events in one transaction; an id seen before is a duplicate. */
    insertBatch: (projectKey, events) =>
      db.transaction(async (query) => {
        const rows = await query(
          `insert into waymark_events (project_key, id, type, name, properties, user_id, anonymous_id, account_id, ts)
           select $1, e.id, e.type, e.name, e.properties, e."userId", e."anonymousId", e."accountId", e."timestamp"::timestamptz
           from jsonb_to_recordset($2::jsonb) as e(id text, type text, name text, properties jsonb,
             "userId" text, "anonymousId" text, "accountId" text, "timestamp" text)
           on conflict (project_key, id) do nothing
           returning id`,
          [projectKey, JSON.stringify(events)],
        );
        return { accepted: rows.length, duplicates: events.length - rows.length };
      }),

    /** The user id a device identified as, if it did. */
    async userOf(projectKey, anonymousId) {
      const rows = await db.query(
        `select user_id from waymark_events where project_key = $1 and anonymous_id = $2 and user_id is not null order by ts limit 1`,
        [projectKey, anonymousId],
      );
      return rows[0]?.user_id;
    },

    /** A person's events in time order. */
    personEvents: (projectKey, { userId, anonymousId }) =>
      db.query(`select * from waymark_events where ${PERSON} order by ts, received_at, id`, [projectKey, userId ?? null, anonymousId ?? null]),

    /** An account's track events, from all its users, in time order. */
    accountEvents: (projectKey, accountId) =>
      db.query(`select * from waymark_events where project_key = $1 and account_id = $2 and type = 'track' order by ts, received_at, id`, [
        projectKey,
        accountId,
      ]),

    /** Records recomputed achievements; an earlier time wins. */
    saveAchievements: (projectKey, subject, achieved) =>
      db.query(
        `insert into waymark_achievements (project_key, subject, milestone_id, achieved_at)
         select $1, $2, a.id, a.at::timestamptz from jsonb_to_recordset($3::jsonb) as a(id text, at text)
         on conflict (project_key, subject, milestone_id)
         do update set achieved_at = least(waymark_achievements.achieved_at, excluded.achieved_at)`,
        [projectKey, subject, JSON.stringify(Object.entries(achieved).map(([id, at]) => ({ id, at: iso(at) })))],
      ),

    /** What `GET /v1/state` tells a person: achievements (claimed, recomputed, and their account's), start, account. */
    async person(projectKey, { userId, anonymousId }) {
      const params = [projectKey, userId ?? null, anonymousId ?? null];
      const [facts] = await db.query(
        `select min(ts) as started, (array_agg(account_id order by ts desc) filter (where account_id is not null))[1] as account
         from waymark_events where ${PERSON}`,
        params,
      );
      const subjects = [userId ? 'u:' + userId : 'a:' + anonymousId];
      if (facts?.account) subjects.push('acct:' + facts.account);
      const rows = await db.query(
        `select milestone_id as id, min(at) as at from (
           select milestone_id, achieved_at as at from waymark_achievements where project_key = $1 and subject = any($4::text[])
           union all
           select name, ts from waymark_events where type = 'achieved' and ${PERSON}
         ) a group by milestone_id`,
        [...params, subjects],
      );
      const achieved = {};
      for (const r of rows) achieved[r.id] = iso(r.at);
      return { achieved, startedAt: facts?.started ? iso(facts.started) : undefined, accountId: facts?.account ?? undefined };
    },

    /** For benchmarks: each person's start, and when they achieved each milestone (recomputed or claimed). */
    async progress(projectKey) {
      const starts = await db.query(`select subject, min(ts) as started from (${SUBJECTS}) s group by subject`, [projectKey]);
      const achieved = await db.query(
        `select subject, milestone_id as id, min(at) as at from (
           select subject, milestone_id, achieved_at as at from waymark_achievements where project_key = $1 and subject not like 'acct:%'
           union all
           select subject, name, ts from (${SUBJECTS}) s where type = 'achieved'
         ) a group by subject, milestone_id`,
        [projectKey],
      );
      return {
        starts: new Map(starts.map((r) => [r.subject, new Date(r.started).getTime()])),
        achieved: achieved.map((r) => ({ subject: r.subject, id: r.id, at: new Date(r.at).getTime() })),
      };
    },
  };
}
