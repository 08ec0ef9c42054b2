import { afterAll, beforeAll, expect, it } from 'vitest';
import { bars, clickTimes, type E2E, startE2E, waitUntil } from './harness';

let h: E2E;
beforeAll(async () => {
  h = await startE2E();
});
afterAll(async () => {
  await h?.close();
});

it('offline, then online: delivers everything that was queued, once', async () => {
  const context = await h.newContext();
  const page = await h.open(context);
  await page.evaluate(() => window.wm!.flush());
  await waitUntil(async () => (await h.count('session_started')) === 1, 'the first visit stored');

  await context.setOffline(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // 1 project, 25 tasks, 3 x 50 tickets: 29 events, more than one batch of 20.
  await clickTimes(page, '#new-project');
  await clickTimes(page, '#sample-tasks', 5);
  await clickTimes(page, '#resolve', 3);
  await waitUntil(async () => (await bars(page)).roi === '150', 'the tickets counted locally');
  // Longer than the 5 s batching window, and an explicit flush: still nothing may arrive.
  await page.waitForTimeout(6000);
  await page.evaluate(() => window.wm!.flush());
  expect(await h.count()).toBe(1);
  await h.shot(page, 'offline-1-queued');

  await context.setOffline(false);
  await waitUntil(
    async () =>
      JSON.stringify(await h.tally()) ===
      JSON.stringify({ project_created: 1, session_started: 1, task_added: 25, tickets_resolved: 3 }),
    'all 29 queued events stored',
  );
  await waitUntil(
    async () => (await h.count(undefined, 'achieved')) === 2,
    'first-project and five-tasks achieved events',
  );
  expect(await h.tally('achieved')).toEqual({ 'first-project': 1, 'five-tasks': 1 });
  expect(h.duplicates()).toBe(0);
  // The first visit's session_started, group (the app puts its signed-in user in their team) and identify (their email,
  // where the backend sends their celebrations), 29 tracks, 2 achieved.
  expect(await h.count(undefined, 'group')).toBe(1);
  expect(await h.count(undefined, 'identify')).toBe(1);
  expect(h.accepted()).toBe(3 + 29 + 2);
  await h.shot(page, 'offline-2-delivered');

  expect(await h.cspViolations(page)).toEqual([]);
  // waymark reported the failed pull while offline, if it pulled then, and the confetti of a celebration while
  // offline, which could not load (the toast showed); nothing else went wrong.
  expect(h.problems.filter((p) => !/pull_failed|confetti_unavailable/.test(p))).toEqual([]);
  await context.close();
});
