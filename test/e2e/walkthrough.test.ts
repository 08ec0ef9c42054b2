import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clickTimes, type E2E, inShadow, startE2E, WIDGET, waitUntil } from './harness';

// The seeds' leveled challenge, clicked through in the example app like a person would, with a
// screenshot of each step in artifacts/e2e/ (each taken after asserting what it is meant to show).
let h: E2E;
beforeAll(async () => {
  h = await startE2E();
});
afterAll(async () => {
  await h?.close();
});

const heading = (page: Page) => inShadow(page, 'waymark-checklist', (root) => root.querySelector('h3')?.textContent);
const toast = (page: Page) => inShadow(page, WIDGET, (root) => root.querySelector('.ts')?.textContent ?? '');
const waitToast = (page: Page, text: string) =>
  waitUntil(async () => (await toast(page)).includes(text), `a toast with "${text}"`);
const dismiss = async (page: Page) => {
  await inShadow(page, WIDGET, (root) => (root.querySelector('.ts .x') as HTMLElement | null)?.click());
  await waitUntil(async () => !(await toast(page)), 'the toast to go');
};
const level = (page: Page, id: string) => page.evaluate((l) => window.wm!.levels().find((x) => x.id === l), id);
const openPanel = async (page: Page) => {
  await page.locator(`${WIDGET} button[aria-haspopup="dialog"]`).click();
  await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('[role=dialog]')), 'the panel');
  await page.waitForTimeout(400); // its opening transition
};
const closePanel = async (page: Page) => {
  await page.keyboard.press('Escape');
  await waitUntil(() => inShadow(page, WIDGET, (root) => !root.querySelector('[role=dialog]')), 'the panel to close');
};

it('clicks through the three levels and the ROI milestone', async () => {
  const context = await h.newContext();
  const page = await h.open(context);
  expect(await heading(page)).toBe('Getting started · 0 of 3');
  await h.shot(page, '01-fresh');

  // Level 1: create your first project (confetti), add 5 tasks, invite a team member.
  await page.click('#new-project');
  await waitToast(page, 'Milestone achieved: Create your first project');
  await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('canvas')), 'the confetti canvas');
  await page.waitForTimeout(500); // confetti in the air
  await h.shot(page, '02-first-project-confetti');
  await dismiss(page);

  await page.click('#sample-tasks');
  await page.click('#invite');
  await waitUntil(async () => (await heading(page)) === 'Getting started · 3 of 3', 'level 1 complete');
  // The level's own celebration: its title and badge, then the next level's first step with its own call to action.
  await waitToast(page, 'Level complete: Getting started');
  expect(await toast(page)).toContain('Badges earned: Team player and Organized');
  expect(await toast(page)).toContain('Up nextComplete 10 tasksOpen your task list');
  expect(await level(page, 'getting-started')).toMatchObject({ complete: true, badge: { name: 'Organized' } });
  await h.shot(page, '03-getting-started-complete');
  await dismiss(page);

  // Level 2 unlocked (it was locked, sequential, until level 1 was complete).
  expect(await level(page, 'building-momentum')).toMatchObject({ locked: false, achieved: 0, total: 3 });
  await openPanel(page);
  expect(
    await inShadow(page, WIDGET, (root) => [...root.querySelectorAll('[role=dialog] h3')].map((e) => e.textContent)),
  ).toEqual(expect.arrayContaining(['Getting started · 3 of 3', 'Building momentum · 0 of 3', 'Power user · 0 of 3']));
  await h.shot(page, '04-panel-level-2-unlocked');
  await closePanel(page);

  // Level 2: complete 10 tasks, create 3 projects, use 3 different views.
  await page.click('#complete-all');
  await clickTimes(page, '#task-form button[type=submit]', 5);
  await page.click('#complete-all');
  for (const view of ['kanban', 'calendar', 'docs']) await page.click(`[data-feature=${view}]`);
  await clickTimes(page, '#new-project', 2);
  await waitUntil(async () => (await level(page, 'building-momentum'))?.complete, 'level 2 complete');
  expect(await page.evaluate(() => window.wm!.milestone('ten-tasks'))).toMatchObject({
    status: 'achieved',
    current: 10,
  });
  await waitToast(page, 'Level complete: Building momentum');
  await h.shot(page, '05-building-momentum-complete');
  await dismiss(page);

  // Level 3: automate a workflow, generate a report, connect an integration.
  await page.click('#automate');
  await page.click('#report');
  await page.click('[data-integration=slack]');
  await waitUntil(async () => (await level(page, 'power-user'))?.complete, 'level 3 complete');
  await openPanel(page);
  expect(
    await inShadow(page, WIDGET, (root) => [...root.querySelectorAll('.bs li:not(.off)')].map((e) => e.textContent)),
  ).toEqual(
    expect.arrayContaining([
      expect.stringContaining('Organized'),
      expect.stringContaining('Productive'),
      expect.stringContaining('Power User'),
    ]),
  );
  await h.shot(page, '06-power-user-badges');
  await closePanel(page);
  await dismiss(page);

  // ROI: 500 tickets at 10 minutes each and $30/h, 50 at a time.
  await clickTimes(page, '#resolve', 9);
  const roi = () => inShadow(page, 'waymark-progress', (root) => root.textContent ?? '');
  await waitUntil(async () => (await roi()).includes('450 / 500'), '450 of 500 tickets');
  expect(await roi()).toContain('$2,250');
  await page.click('#resolve');
  await waitUntil(async () => (await roi()).includes('$2,500'), 'the ROI line at 500 tickets');
  expect(await page.evaluate(() => window.wm!.milestone('resolve-500'))).toMatchObject({
    status: 'achieved',
    current: 500,
    value: { units: 500, minutesSaved: 5000, moneySaved: 2500, currency: 'USD' },
  });
  await page.evaluate(() => scrollTo(0, document.body.scrollHeight)); // the ROI line, above the fixed demo bar
  await waitToast(page, 'Resolve 500 support tickets');
  await h.shot(page, '07-roi-resolve-500');

  // The backend verified those achievements, and the team's playbook fired: 3 milestones in 30 days on the account,
  // a signed webhook to the demo's receiver (which answers 400 to one whose signature does not check).
  await waitUntil(
    async () => h.webhooks.some((w) => w.type === 'trigger.fired' && w.data.triggerId === 'celebrate-momentum'),
    'the celebrate-momentum webhook',
  );
  expect(h.webhooks.find((w) => w.data.triggerId === 'celebrate-momentum')?.data.accountId).toBe('acct_acme');
  expect(await h.cspViolations(page)).toEqual([]);

  // The first project is celebrated by email too (its definition says "email": true), to the address the app
  // identified the user with; the demo's mail catcher took it, and its inbox shows it as the recipient would see it.
  const celebration = () => h.demo.mailbox.mails.find((m) => m.subject.includes('Create your first project'));
  await waitUntil(async () => !!celebration(), 'the celebration email');
  expect(celebration()!.to).toMatch(/^acme-user-[0-9a-f]+@acme\.example$/);
  await page.goto(`${h.url}demo/mail`);
  await page.click(`a[href="/demo/mail/${celebration()!.id}"]`);
  await page.waitForURL(`**/demo/mail/${celebration()!.id}`);
  expect((await page.locator('h1').textContent())?.trim()).toBe('Create your first project');
  expect(await page.locator('a', { hasText: 'Unsubscribe' }).getAttribute('href')).toContain('/v1/email/unsubscribe?');
  await h.shot(page, '08-celebration-email');
  expect(h.problems).toEqual([]);
  await context.close();
});

it('a missed due date turns the milestone overdue (stalled); five days in a row make a streak', async () => {
  const context = await h.newContext();
  const page = await h.open(context);
  const info: string[] = [];
  page.on('console', (m) => m.type() === 'info' && info.push(m.text()));
  await page.click('#new-project');
  await waitToast(page, 'Create your first project');
  await dismiss(page);

  // "Invite a team member" is due 3 days after the start: skip three days without inviting anyone.
  for (let day = 2; day <= 4; day++) await page.click('#next-day');
  expect(await page.locator('#demo-day').textContent()).toBe('day 4');
  await waitUntil(() => page.locator('#stalled-note').isVisible(), 'the overdue note');
  const note = await page.locator('#stalled-note').textContent();
  expect(note).toContain('“Invite a team member” · A little behind plan, still well within reach.');
  expect(await page.evaluate(() => window.wm!.milestone('invite-member')?.status)).toBe('overdue');
  expect(info).toContain('[acme] stalled (overdue): Invite a team member');
  expect(await inShadow(page, 'waymark-checklist', (root) => root.querySelector('.ms.overdue')?.textContent)).toContain(
    'A little behind plan',
  );
  // The app's note and the widget's checklist word it the same way: the checklist's status line is in the note, and
  // neither says "overdue" (the status's name in the API, not a word for the user).
  const line = await inShadow(
    page,
    'waymark-checklist',
    (root) => root.querySelector('.ms.overdue .me.s')?.textContent,
  );
  expect(line).toBe('A little behind plan, still well within reach');
  expect(note).toContain(line);
  expect(note).not.toMatch(/overdue/i);
  await page.locator('#stalled-note').scrollIntoViewIfNeeded();
  await h.shot(page, '08-stalled-overdue');

  // Day 5: the app was opened on five consecutive days.
  await page.click('#next-day');
  await waitToast(page, 'Work in Acme 5 days in a row');
  expect(await page.evaluate(() => window.wm!.milestone('five-day-streak'))).toMatchObject({
    status: 'achieved',
    current: 5,
  });
  await h.shot(page, '09-five-day-streak');

  // Inviting someone late still achieves it, and the note goes.
  await page.click('#invite');
  await waitUntil(async () => !(await page.locator('#stalled-note').isVisible()), 'the note to go');
  expect(await page.evaluate(() => window.wm!.milestone('invite-member')?.status)).toBe('achieved');

  expect(await h.cspViolations(page)).toEqual([]);
  expect(h.problems).toEqual([]);
  await context.close();
});
