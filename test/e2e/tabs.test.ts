import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO } from '../../examples/app/server.mjs';
import { bars, clickTimes, type E2E, inShadow, startE2E, WIDGET, waitUntil } from './harness';

let h: E2E;
beforeAll(async () => {
  h = await startE2E();
});
afterAll(async () => {
  await h?.close();
});

/** Every toast title each tab shows while `during` runs and for `after` ms more (a toast stays up 7 s). */
const watchToasts = async (pages: Page[], during: Promise<unknown>, after: number) => {
  const seen = pages.map(() => new Set<string>());
  let done = false;
  const poll = (async () => {
    let end = Infinity;
    while (Date.now() < end) {
      if (done && end === Infinity) end = Date.now() + after;
      await Promise.all(
        pages.map(async (p, i) => {
          const title = await inShadow(p, WIDGET, (root) => root.querySelector('.ts .tt')?.textContent ?? '');
          if (title) seen[i].add(title);
        }),
      );
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await during;
  done = true;
  await poll;
  return seen.map((s) => [...s].join(' | '));
};

it('three tabs tracking at once: each event reaches the backend once, one tab celebrates, all bars agree', async () => {
  const context = await h.newContext();
  const pages = [await h.open(context), await h.open(context), await h.open(context)];

  // In every tab at the same moment: a project and four tasks (project_created x3, task_added x12 in all),
  // which achieves "Create your first project" and "Add 5 tasks" somewhere.
  const clicking = Promise.all(
    pages.map(async (page) => {
      await clickTimes(page, '#new-project');
      await clickTimes(page, '#task-form button[type=submit]', 4);
    }),
  );
  const toasts = await watchToasts(pages, clicking, 3000);

  // The celebration of each milestone appears in exactly one tab.
  for (const title of ['Create your first project', 'Add 5 tasks'])
    expect(
      toasts.filter((t) => t.includes(title)),
      `${title}: ${JSON.stringify(toasts)}`,
    ).toHaveLength(1);

  // The progress bars agree in all three tabs, and with what happened in all of them together.
  const expected = { checklist: ['1', '5', '0'], roi: '0', launcher: 'Your progress: 2 of 11 milestones achieved' };
  await waitUntil(
    async () => (await Promise.all(pages.map(bars))).every((b) => JSON.stringify(b) === JSON.stringify(expected)),
    'the same bars in all tabs',
  );
  const states = await Promise.all(
    pages.map((p) => p.evaluate(() => window.wm!.milestones().map((m) => `${m.id}:${m.status}:${m.current}`))),
  );
  expect(states[1]).toEqual(states[0]);
  expect(states[2]).toEqual(states[0]);
  expect(states[0]).toContain('three-projects:locked:3'); // counted while locked behind level 1
  for (const [i, page] of pages.entries()) await h.shot(page, `tabs-${i + 1}`);

  // The backend receives every event exactly once: all of them stored, none sent twice.
  const expectedTracks = { project_created: 3, session_started: 3, task_added: 12 };
  await waitUntil(
    async () => JSON.stringify(await h.tally()) === JSON.stringify(expectedTracks),
    'all 18 track events stored',
    20_000,
  );
  expect(h.duplicates()).toBe(0);
  const rows = await h.demo.db.query(`select count(*)::int as n, count(distinct id)::int as ids from waymark_events`);
  expect(rows[0].ids).toBe(rows[0].n);
  expect(h.accepted()).toBe(rows[0].n);
  // The backend knows both achievements, by its own verification of the events (the `achieved` events are only claims).
  await h.demo.server.idle();
  // Every event came with the token the demo's backend signed: the user is proven, and the admin API shows them.
  const users = await h.demo.db.query(`select distinct user_id, verified from waymark_events`);
  expect(users).toHaveLength(1);
  expect(users[0].verified).toBe(true);
  const user = await (
    await fetch(`${h.url}v1/admin/users/${users[0].user_id}`, {
      headers: { authorization: `Bearer ${DEMO.secretKey}` },
    })
  ).json();
  expect(Object.keys(user.achieved).sort()).toEqual(['first-project', 'five-tasks']);

  for (const page of pages) expect(await h.cspViolations(page)).toEqual([]);
  expect(h.problems).toEqual([]);
  await context.close();
});

// The stored state may be one coalesced write (100 ms) behind a live tab; a tab opened in the middle of a burst
// starts from the live tab's state instead, and batch numbers keep any event from counting twice.
it('a tab opened while another tab tracks a burst agrees with it to the event', async () => {
  const context = await h.newContext();
  const a = await h.open(context);
  await a.evaluate(() => {
    (window as unknown as { burst: unknown }).burst = setInterval(
      () => window.wm!.track('tickets_resolved', { count: 1 }),
      4,
    );
  });
  await a.waitForTimeout(300);
  const b = await h.open(context);
  await b.waitForTimeout(300);
  await a.evaluate(() => clearInterval((window as unknown as { burst: number }).burst));
  const current = (p: Page) => p.evaluate(() => window.wm!.milestone('resolve-500')!.current);
  await waitUntil(async () => (await current(a)) === (await current(b)), 'the same count in both tabs', 3000);
  const [ca, cb] = [await current(a), await current(b)];
  expect(ca).toBeGreaterThan(50);
  expect(cb).toBe(ca);
  // What either tab stored last is that count too.
  await Promise.all([a.evaluate(() => window.wm!.flush()), b.evaluate(() => window.wm!.flush())]);
  await a.close();
  await b.close();
  expect(await current(await h.open(context))).toBe(ca);
  await context.close();
});

/**
 * Two tabs of a fresh user; tab B's main thread is busy for 800 ms while tab A runs `script`, then B runs it
 * in the same task, so B tracks before it has handled A's message (as a busy tab does). Once B has applied
 * A's events (`milestone` at `total`), both flush and a batching window passes. Answers how many `achieved`
 * rows `milestone` got.
 */
const race = async (milestone: string, script: string, total: number) => {
  const context = await h.newContext();
  const [a, b] = [await h.open(context), await h.open(context)];
  const before = await h.count(milestone, 'achieved');
  const busy = b.evaluate(
    `(() => { const end = performance.now() + 800; while (performance.now() < end); ${script} })()`,
  );
  await new Promise((r) => setTimeout(r, 200));
  await a.evaluate(script);
  await busy;
  await waitUntil(
    async () => (await b.evaluate((id) => window.wm!.milestone(id)?.current, milestone)) === total,
    `${milestone} at ${total} in tab B`,
  );
  await Promise.all([a.evaluate(() => window.wm!.flush()), b.evaluate(() => window.wm!.flush())]);
  await new Promise((r) => setTimeout(r, 6000)); // one more batching window
  await context.close();
  return (await h.count(milestone, 'achieved')) - before;
};

// Every tab that sees an achievement sends it under one id per user and milestone, so the backend stores it once
// whether both tabs crossed the threshold on their own events or only together.
it('sends one achieved event when two tabs achieve the same milestone at once', async () => {
  expect(await race('first-project', "wm.track('project_created')", 2)).toBe(1);
});

it("sends the achieved event when another tab's events complete the milestone", async () => {
  expect(await race('five-tasks', "for (let i = 0; i < 3; i++) wm.track('task_added')", 6)).toBe(1);
});
