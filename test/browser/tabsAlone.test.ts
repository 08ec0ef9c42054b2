import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../fixtures/waitUntil';
import { startHarness } from './harness';

// A tab alone skips sharing its events (one structured clone and message per burst), which it knows from Web Locks:
// every tab holds one while open, a frozen tab included. Real Chromium: real locks, a real BroadcastChannel.
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const EXAMPLE = '/examples/plain-html/';
const tasks = (page: Page) => page.evaluate(() => (window as any).waymark.milestone('ten-tasks').current as number);
const track = (page: Page, n: number) =>
  page.evaluate((n) => {
    for (let i = 0; i < n; i++) (window as any).waymark.track('task_completed');
  }, n);
/** Counts, in the page, the batches its client posts to the other tabs (a second channel object hears them). */
const listen = (page: Page) =>
  page.evaluate(() => {
    (window as any).__batches = 0;
    const channel = new BroadcastChannel('wm:pk_demo:state');
    channel.onmessage = (e) => {
      if (typeof e.data?.n === 'number') (window as any).__batches++;
    };
    (window as any).__channel = channel;
  });
const batches = (page: Page) => page.evaluate(() => (window as any).__batches as number);
const tabLocks = (page: Page) =>
  page.evaluate(async () =>
    ((await navigator.locks.query()).held ?? [])
      .map((lock) => lock.name!)
      .filter((name) => name.startsWith('wm:pk_demo:state:tab:')),
  );

describe('a tab alone, in Chromium', () => {
  it('stops sharing after its join window; a tab opened later starts from its progress, and then both share', async () => {
    const a = await h.open(EXAMPLE);
    expect(await tabLocks(a)).toHaveLength(1);
    // The join window (1 s) and the question about other tabs.
    await a.waitForTimeout(1500);
    await listen(a);
    await track(a, 3);
    await a.waitForTimeout(300);
    expect(await batches(a)).toBe(0);
    const b = await h.open(EXAMPLE, {}, undefined, a.context());
    expect(await tabLocks(a)).toHaveLength(2);
    await waitUntil(async () => (await tasks(b)) === 3, 'b at 3 tasks');
    // Heard from b: a shares again, and b's events reach a.
    await track(a, 2);
    await track(b, 1);
    await waitUntil(async () => (await tasks(a)) === 6 && (await tasks(b)) === 6, 'both tabs at 6 tasks');
    expect(await batches(a)).toBeGreaterThan(0);
    await a.context().close();
  });

  it('keeps sharing while another tab holds its mark but does not answer, as a frozen tab does', async () => {
    const a0 = await h.open(EXAMPLE);
    const context = a0.context();
    await a0.close();
    // A page of the origin that holds a tab's lock and runs no waymark: a frozen tab keeps its lock and is silent.
    // (Chromium's CDP freeze still delivers BroadcastChannel messages in headless mode, so it cannot stand in here.)
    const frozen = await context.newPage();
    await frozen.goto(`${h.url}examples/plain-html/styles.css`);
    await frozen.evaluate(() => {
      void navigator.locks.request('wm:pk_demo:state:tab:frozen', () => new Promise(() => {}));
    });
    const a = await h.open(EXAMPLE, {}, undefined, context);
    await a.waitForTimeout(1500);
    await listen(a);
    await track(a, 4);
    await a.waitForTimeout(300);
    expect(await tabLocks(a)).toContain('wm:pk_demo:state:tab:frozen');
    expect(await batches(a)).toBeGreaterThan(0);
    await context.close();
  });
});
