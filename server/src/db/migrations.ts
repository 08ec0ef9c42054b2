/**
 * One step of the schema. Applied in order, once, and recorded in `waymark_migrations`. Never edit one that has
 * landed on main: add the next version. Reserved while they are being built: 3 triggers and account statistics,
 * 4 webhooks, 5 email.
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
];
