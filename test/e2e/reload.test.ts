import { afterAll, beforeAll, expect, it } from 'vitest';
import { bars, clickTimes, type E2E, inShadow, startE2E, WIDGET, waitUntil } from './harness';

let h: E2E;
beforeAll(async () => {
  h = await startE2E();
});
afterAll(async () => {
  await h?.close();
});

it('keeps progress across a reload, in IndexedDB, and does not celebrate twice', async () => {
  const context = await h.newContext();
  const page = await h.open(context);
  await page.click('#new-project');
  await page.fill('#task-input', 'Plan the launch');
  await page.click('#task-form button[type=submit]');
  await clickTimes(page, '#task-form button[type=submit]', 2);
  // 3 of 5 tasks: progress the backend never answers (it only knows achievements), so after the reload it
  // can only have come from this browser's storage.
  await waitUntil(async () => (await bars(page)).checklist.join() === '1,3,0', 'the checklist to show 1, 3 and 0');
  await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('.ts')), 'the first-project toast');
  await h.shot(page, 'reload-1-before');

  await page.reload();
  await page.evaluate(() => window.wm!.ready);
  await waitUntil(async () => (await bars(page)).checklist.join() === '1,3,0', 'the same checklist after the reload');
  expect(await page.evaluate(() => window.wm!.milestone('five-tasks'))).toMatchObject({
    current: 3,
    target: 5,
    status: 'active',
  });
  expect(await page.evaluate(() => window.wm!.milestone('first-project')?.status)).toBe('achieved');
  expect(await inShadow(page, 'waymark-checklist', (root) => root.querySelector('h3')?.textContent)).toBe(
    'Getting started · 1 of 3',
  );
  // It was IndexedDB: waymark's database is there.
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('waymark');
  // Claimed once: the reload does not celebrate "Create your first project" again.
  await page.waitForTimeout(1500);
  expect(await inShadow(page, WIDGET, (root) => root.querySelector('.ts')?.textContent ?? null)).toBeNull();
  await h.shot(page, 'reload-2-after');

  // And the next visit goes on from there: two more tasks complete the milestone.
  await clickTimes(page, '#task-form button[type=submit]', 2);
  await waitUntil(async () => (await bars(page)).checklist.join() === '1,5,0', 'five of five tasks');
  expect(await page.evaluate(() => window.wm!.milestone('five-tasks')?.status)).toBe('achieved');

  expect(await h.cspViolations(page)).toEqual([]);
  expect(h.problems).toEqual([]);
  await context.close();
});
