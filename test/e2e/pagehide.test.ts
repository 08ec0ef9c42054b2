import { afterAll, beforeAll, expect, it } from 'vitest';
import { clickTimes, type E2E, startE2E, waitUntil } from './harness';

let h: E2E;
beforeAll(async () => {
  h = await startE2E();
});
afterAll(async () => {
  await h?.close();
});

/** A new visitor whose first visit has reached the backend. */
const visit = async () => {
  const context = await h.newContext();
  const page = await h.open(context);
  const before = await h.count('session_started');
  await page.evaluate(() => window.wm!.flush());
  await waitUntil(async () => (await h.count('session_started')) === before + 1, 'the first visit stored');
  return { context, page };
};

it('closing the tab within the batching window: the keepalive request delivers it at once', async () => {
  const { context, page } = await visit();
  const before = await h.count('task_added');
  await clickTimes(page, '#task-form button[type=submit]', 3); // would otherwise wait up to 5 s for its batch
  await page.close();
  // No next visit: only the request sent on pagehide can bring them.
  await waitUntil(
    async () => (await h.count('task_added')) === before + 3,
    'the 3 tasks stored after the tab closed',
    3000,
  );
  expect(await h.count('project_created')).toBe(1); // the first task created a project
  expect(h.duplicates()).toBe(0);
  await context.close();
});

it('closing the tab with a batch in flight and more queued loses nothing (keepalive now, or the outbox next visit)', async () => {
  const { context, page } = await visit();
  const before = await h.count('task_added');
  await clickTimes(page, '#sample-tasks', 5); // 25 tasks: a full batch of 20 goes at once, the rest waits
  await page.close();
  await new Promise((r) => setTimeout(r, 2000));
  const atOnce = (await h.count('task_added')) - before;
  // The next visit (same browser profile) sends whatever the outbox still holds.
  const next = await h.open(context);
  await waitUntil(async () => (await h.count('task_added')) === before + 25, 'all 25 tasks stored');
  console.log(`[e2e] tab closed mid-batch: ${atOnce} of 25 events arrived before the next visit`);
  expect(await h.count('task_added')).toBe(before + 25);
  await next.evaluate(() => window.wm!.flush());
  await next.waitForTimeout(500);
  expect(await h.count('task_added')).toBe(before + 25); // and none stored twice: a re-send keeps its ids
  await context.close();
});

it('closing the tab while offline: the outbox delivers everything on the next visit', async () => {
  const { context, page } = await visit();
  const before = await h.count('tickets_resolved');
  await context.setOffline(true);
  await clickTimes(page, '#resolve', 4);
  // The outbox reaches IndexedDB within about 100 ms of the events (a tab closed sooner: see the test below).
  await page.waitForTimeout(500);
  await page.close(); // the keepalive request fails: offline
  // Back online only once the closed page's last request has surely failed, so only the next visit can send.
  await new Promise((r) => setTimeout(r, 1000));
  await context.setOffline(false);
  await new Promise((r) => setTimeout(r, 2000));
  expect(await h.count('tickets_resolved')).toBe(before); // nothing could leave before the tab closed

  const next = await h.open(context);
  await waitUntil(
    async () => (await h.count('tickets_resolved')) === before + 4,
    'the 4 offline events stored on the next visit',
  );
  expect(await next.evaluate(() => window.wm!.milestone('resolve-500')?.current)).toBe(200);
  await h.shot(next, 'pagehide-next-visit');
  expect(await h.cspViolations(next)).toEqual([]);
  await context.close();
});

// A window with several tabs closed at once: each tab writes what it alone holds under its own key on pagehide,
// so one tab's write cannot replace another's.
it('two tabs closed in the same instant while offline: the next visit delivers the events of both', async () => {
  const { context, page: a } = await visit();
  const b = await h.open(context);
  await a.waitForTimeout(300); // both tabs idle: nothing being written
  const before = await h.count('tickets_resolved');
  const duplicates = h.duplicates(); // the tests before may re-send on purpose
  await context.setOffline(true);
  // Tracked and closed at once, within the 100 ms before the outbox write: only the pagehide write keeps them.
  const click = (n: number) => {
    for (let i = 0; i < n; i++) (document.querySelector('#resolve') as HTMLElement).click();
  };
  await Promise.all([a.evaluate(click, 2), b.evaluate(click, 3)]);
  await Promise.all([a.close(), b.close()]);
  await new Promise((r) => setTimeout(r, 1000));
  await context.setOffline(false);
  await new Promise((r) => setTimeout(r, 1000));
  expect(await h.count('tickets_resolved')).toBe(before);

  const next = await h.open(context);
  await waitUntil(
    async () => (await h.count('tickets_resolved')) === before + 5,
    'the 5 events of both tabs stored on the next visit',
  ).catch(async (e) => {
    const dump = await next.evaluate(
      () =>
        new Promise((res) => {
          const r = indexedDB.open('waymark');
          r.onsuccess = () => {
            const st = r.result.transaction('kv').objectStore('kv');
            const out: any = {};
            const c = st.openCursor();
            c.onsuccess = () => {
              const cur = c.result;
              if (!cur) return res(out);
              const k = String(cur.key);
              if (k.includes('outbox'))
                out[k] = Array.isArray(cur.value) ? cur.value.map((e: any) => `${e.name}:${e.id}`) : cur.value;
              cur.continue();
            };
          };
        }),
    );
    console.log(
      'DEBUG count',
      (await h.count('tickets_resolved')) - before,
      JSON.stringify(dump),
      JSON.stringify(
        await h.demo.db.query("select name, id from waymark_events where name='tickets_resolved' order by id"),
      ),
    );
    throw e;
  });
  expect(h.duplicates()).toBe(duplicates);
  expect(await h.cspViolations(next)).toEqual([]);
  await context.close();
});

// Events tracked in the last ~100 ms before the user leaves (the write-coalescing window) are written on pagehide.
// Chromium drops an IndexedDB transaction left to auto-commit while the page unloads, so the client commits its
// writes at once, and writes the outbox with one plain put (no read first).
it('keeps the progress of events tracked just before the user leaves the page', async () => {
  const { context, page } = await visit();
  await page.waitForTimeout(300); // no write in progress
  await Promise.all([
    page.waitForNavigation(),
    page.evaluate(() => {
      for (let i = 0; i < 4; i++) (document.querySelector('#resolve') as HTMLElement).click();
      location.href = '/?from=resolve'; // e.g. a link whose click is tracked
    }),
  ]);
  await page.evaluate(() => window.wm!.ready);
  expect(await page.evaluate(() => window.wm!.milestone('resolve-500')?.current)).toBe(200);
  await context.close();
});

it('reported no page error and no waymark error in any tab', () => {
  expect(h.problems.filter((p) => !p.includes('pull_failed'))).toEqual([]);
});
