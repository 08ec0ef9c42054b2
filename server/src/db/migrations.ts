/**
 * One step of the schema. Applied in order, once, and recorded in `waymark_migrations`. Never edit one that has
 * landed on main: add the next free version at the moment you land (3 metrics, 4 webhooks, 5 email, 6 dashboard
 * sessions; triggers take the next free number).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'events, subjects, achievements, definitions, benchmarks, jobs',
    sql: `
-- xid: the inserting transaction. Verification reads each subject's events in (xid, id) order from a cursor, and only
-- those of transactions older than every one still running (pg_snapshot_xmin), so a batch committed late is never
-- skipped: no per-event bookkeeping on the way in.
create table waymark_events (
  project_key   text not null,
  id            text not null,
  xid           xid8 not null default pg_current_xact_id(),
  type          text not null,
  name          text,
  properties    jsonb,
  user_id       text,
  anonymous_id  text not null,
  account_id    text,
  ts            timestamptz not null,
  received_at   timestamptz not null,
  verified      boolean not null default false,
  account_trusted boolean not null default false,
  primary key (project_key, id)
);
create index waymark_events_user on waymark_events (project_key, user_id, xid, id) where user_id is not null;
create index waymark_events_device on waymark_events (project_key, anonymous_id, xid, id) where user_id is null;
create index waymark_events_account on waymark_events (project_key, account_id, xid, id) where account_trusted;

-- A subject is 'u:<userId>', 'a:<anonymousId>' or 'c:<accountId>'; doc is its engine state (bounded), and
-- (cursor_xid, cursor_id) the last of its events applied to it.
create table waymark_subjects (
  project_key     text not null,
  subject         text not null,
  kind            text not null,
  doc             jsonb,
  cursor_xid      xid8,
  cursor_id       text,
  started_at      timestamptz not null,
  last_event_at   timestamptz not null,
  account_id      text,
  merged_into     text,
  events          bigint not null default 0,
  verified_events bigint not null default 0,
  clamped         bigint not null default 0,
  claims_unconfirmed bigint not null default 0,
  primary key (project_key, subject)
);
create index waymark_subjects_account on waymark_subjects (project_key, account_id) where account_id is not null;
create index waymark_subjects_kind on waymark_subjects (project_key, kind, started_at);
create index waymark_subjects_merged on waymark_subjects (project_key, merged_into) where merged_into is not null;

-- Recomputed by the server, never taken from a client.
create table waymark_achievements (
  project_key         text not null,
  subject             text not null,
  milestone_id        text not null,
  achieved_at         timestamptz not null,
  definitions_version int not null,
  recorded_at         timestamptz not null,
  primary key (project_key, subject, milestone_id)
);

create table waymark_definitions (
  project_key  text not null,
  version      int not null,
  definitions  jsonb not null,
  source       text not null,
  checksum     text not null,
  published_at timestamptz not null,
  primary key (project_key, version)
);

-- Benchmarks, kept as events arrive: achievers by whole days from start, subjects by start day.
create table waymark_benchmark_days (
  project_key  text not null,
  milestone_id text not null,
  day          int not null,
  n            int not null,
  primary key (project_key, milestone_id, day)
);
create table waymark_start_days (
  project_key text not null,
  kind        text not null,
  day         int not null,
  n           int not null,
  primary key (project_key, kind, day)
);

-- The durable job queue. One row per (project, kind, key) waiting or running; 'dirty' asks a running job to run again.
create table waymark_jobs (
  id           bigint generated always as identity primary key,
  project_key  text not null,
  kind         text not null,
  key          text not null,
  payload      jsonb,
  run_at       timestamptz not null,
  attempts     int not null default 0,
  locked_until timestamptz,
  locked_by    text,
  dirty        boolean not null default false,
  last_error   text,
  created_at   timestamptz not null default now(),
  unique (project_key, kind, key)
);
create index waymark_jobs_due on waymark_jobs (run_at);
`,
  },
  {
    version: 2,
    name: 'subjects: when to look again without new events (due dates)',
    sql: `
alter table waymark_subjects add column next_check_at timestamptz;
create index waymark_subjects_next_check on waymark_subjects (project_key, next_check_at) where next_check_at is not null;
`,
  },
  {
    version: 3,
    name: "account statistics, users' pace (overall), trigger firings",
    sql: `
-- One row per account, kept by verification (accounts/recordAccountStats): its users, its achievements counted as the
-- contract says (each user-milestone once, plus its account-scope milestones), when each was made (epoch ms) and which
-- milestones it has. The accounts list reads these rows, never the events.
create table waymark_account_stats (
  project_key      text not null,
  account_id       text not null,
  users            int not null default 0,
  achieved         int not null default 0,
  started_at       timestamptz,
  last_achieved_at timestamptz,
  times            float8[] not null default '{}',
  milestones       text[] not null default '{}',
  primary key (project_key, account_id)
);

-- Users by when (whole days from their start, at most 365) they reached their k-th milestone: overall standing.
create table waymark_pace_days (
  project_key text not null,
  kind        text not null,
  k           int not null,
  day         int not null,
  n           int not null,
  primary key (project_key, kind, k, day)
);

-- Users by start day and how many milestones they have reached (k: one row for each k up to their count), so the
-- younger users that already got as far can be taken out of a comparison at an older age.
create table waymark_pace_starts (
  project_key text not null,
  kind        text not null,
  start_day   int not null,
  k           int not null,
  n           int not null,
  primary key (project_key, kind, start_day, k)
);

-- Each trigger's firings: once per subject and condition period (period names it); closed_at ends an open period
-- (behindPace: the subject caught up).
create table waymark_trigger_fires (
  project_key text not null,
  trigger_id  text not null,
  subject     text not null,
  period      text not null,
  fired_at    timestamptz not null,
  closed_at   timestamptz,
  primary key (project_key, trigger_id, subject, period)
);
create index waymark_trigger_fires_recent on waymark_trigger_fires (project_key, trigger_id, fired_at desc);

-- What was verified before this version.
insert into waymark_account_stats (project_key, account_id, users, achieved, started_at, last_achieved_at, times, milestones)
select x.project_key, x.account_id, coalesce(m.users, 0), coalesce(w.achieved, 0), coalesce(m.started_at, c.started_at), w.last_at,
  coalesce(w.times, '{}'), coalesce(w.milestones, '{}')
from (select distinct project_key, account_id from waymark_subjects where account_id is not null and kind = 'user' and merged_into is null
      union select project_key, substr(subject, 3) from waymark_subjects where kind = 'account') x
left join (select project_key, account_id, count(*)::int users, min(started_at) started_at from waymark_subjects
           where kind = 'user' and merged_into is null and account_id is not null group by 1, 2) m
  on m.project_key = x.project_key and m.account_id = x.account_id
left join waymark_subjects c on c.project_key = x.project_key and c.subject = 'c:' || x.account_id
left join (select project_key, account_id, count(*)::int achieved, max(achieved_at) last_at,
             array_agg((extract(epoch from achieved_at) * 1000)::float8 order by achieved_at) times, array_agg(distinct milestone_id) milestones
           from (select s.project_key, s.account_id, a.milestone_id, a.achieved_at from waymark_subjects s
                 join waymark_achievements a on a.project_key = s.project_key and a.subject = s.subject
                 where s.kind = 'user' and s.merged_into is null and s.account_id is not null
                 union all
                 select a.project_key, substr(a.subject, 3), a.milestone_id, a.achieved_at from waymark_achievements a where a.subject like 'c:%') won
           group by 1, 2) w
  on w.project_key = x.project_key and w.account_id = x.account_id;

insert into waymark_pace_days (project_key, kind, k, day, n)
select project_key, 'user', k, day, count(*)::int from (
  select a.project_key, row_number() over (partition by a.project_key, a.subject order by a.achieved_at, a.milestone_id)::int k,
    least(365, greatest(0, floor(extract(epoch from a.achieved_at - s.started_at) / 86400)))::int as day
  from waymark_achievements a join waymark_subjects s on s.project_key = a.project_key and s.subject = a.subject
  where s.kind = 'user') ranked
group by 1, 2, 3, 4;

insert into waymark_pace_starts (project_key, kind, start_day, k, n)
select project_key, 'user', start_day, k, count(*)::int from (
  select a.project_key, floor(extract(epoch from s.started_at) / 86400)::int as start_day,
    row_number() over (partition by a.project_key, a.subject order by a.achieved_at, a.milestone_id)::int k
  from waymark_achievements a join waymark_subjects s on s.project_key = a.project_key and s.subject = a.subject
  where s.kind = 'user') ranked
group by 1, 2, 3, 4;
`,
  },
  {
    version: 4,
    name: 'webhooks: deliveries, every attempt, endpoint health',
    sql: `
-- One row per (notification, endpoint): a notification published twice (a job run again) is delivered once.
-- message_id is the webhook-id header, the same on every attempt; body is the exact JSON that is signed and sent.
create table waymark_webhook_deliveries (
  id                  bigint generated always as identity primary key,
  project_key         text not null,
  endpoint_id         text not null,
  notification_key    text not null,
  message_id          text not null,
  type                text not null,
  user_id             text,
  account_id          text,
  body                text not null,
  status              text not null,
  attempts            int not null default 0,
  created_at          timestamptz not null,
  next_attempt_at     timestamptz,
  last_attempt_at     timestamptz,
  manual_requested_at timestamptz,
  note                text,
  unique (project_key, notification_key, endpoint_id)
);
create index waymark_webhook_deliveries_list on waymark_webhook_deliveries (project_key, id);
create index waymark_webhook_deliveries_status on waymark_webhook_deliveries (project_key, status, id);
create index waymark_webhook_deliveries_endpoint on waymark_webhook_deliveries (project_key, endpoint_id, id);
create index waymark_webhook_deliveries_account on waymark_webhook_deliveries (project_key, account_id, id) where account_id is not null;
create index waymark_webhook_deliveries_user on waymark_webhook_deliveries (project_key, user_id, id) where user_id is not null;

-- Every attempt: when, the HTTP status (null when there was none: refused, timed out), why it failed.
create table waymark_webhook_attempts (
  delivery_id bigint not null references waymark_webhook_deliveries (id) on delete cascade,
  n           int not null,
  at          timestamptz not null,
  status      int,
  error       text,
  duration_ms int not null,
  manual      boolean not null default false,
  primary key (delivery_id, n)
);

-- Endpoints are configured, not stored; this is what the server learned about each: failing since when, disabled.
create table waymark_webhook_endpoints (
  project_key     text not null,
  endpoint_id     text not null,
  failing_since   timestamptz,
  last_success_at timestamptz,
  last_failure_at timestamptz,
  disabled_at     timestamptz,
  disabled_reason text,
  primary key (project_key, endpoint_id)
);
`,
  },
  {
    version: 5,
    name: 'email: one row per email and reason, unsubscribed addresses, last digests, the unsubscribe secret',
    sql: `
-- One row per (reason, address): a reason (a notification key, a digest period) mails an address once, however often
-- it is published. The content is kept with it, so a retry sends what was decided. status: queued, sent, failed, suppressed.
create table waymark_emails (
  id            bigint generated always as identity primary key,
  project_key   text not null,
  reason        text not null,
  address       text not null,
  kind          text not null,
  user_id       text,
  content       jsonb not null,
  status        text not null default 'queued',
  created_at    timestamptz not null default now(),
  sending_until timestamptz,
  sent_at       timestamptz,
  message_id    text,
  last_error    text,
  unique (project_key, reason, address)
);
create index waymark_emails_user on waymark_emails (project_key, user_id) where user_id is not null;

-- Addresses that get nothing more: 'unsubscribed' (their link) or 'bounced' (the SMTP server refused the mailbox for good).
create table waymark_email_unsubscribes (
  project_key text not null,
  address     text not null,
  reason      text not null default 'unsubscribed',
  at          timestamptz not null default now(),
  primary key (project_key, address)
);

-- Product time of each user's last digest.
create table waymark_email_digests (
  project_key text not null,
  user_id     text not null,
  last_at     timestamptz not null,
  primary key (project_key, user_id)
);

-- The HMAC key of unsubscribe links, made once per project: links keep working across restarts, processes and
-- secret-key rotations, and checking one needs no lookup.
create table waymark_email_secrets (
  project_key text primary key,
  secret      text not null
);

-- The digest's scan: users with an email trait.
create index waymark_subjects_email on waymark_subjects (project_key, subject) where kind = 'user' and doc -> 'traits' ? 'email';
`,
  },
  {
    version: 6,
    name: 'dashboard sessions',
    sql: `
create table waymark_dashboard_sessions (
  id_hash     text primary key,
  project_key text not null,
  created_at  timestamptz not null,
  expires_at  timestamptz not null
);
create index waymark_dashboard_sessions_expiry on waymark_dashboard_sessions (expires_at);
`,
  },
  {
    version: 7,
    name: 'achievements by time',
    sql: `
-- The metrics' density counts the achievements made in a period; without it, every read scanned all of them.
create index waymark_achievements_time on waymark_achievements (project_key, achieved_at);
`,
  },
  {
    version: 8,
    name: 'firings by subject, achievements by recording time',
    sql: `
-- An account's page lists the firings of the account and its users: without it, every firing of the project was read.
create index waymark_trigger_fires_subject on waymark_trigger_fires (project_key, subject, fired_at desc);
-- The digest reads what was recorded since the oldest window: one range, not every achievement.
create index waymark_achievements_recorded on waymark_achievements (project_key, recorded_at);
`,
  },
];
