import type { Request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clickTimes, type E2E, inShadow, startE2E, WIDGET, waitUntil } from './harness';

// The example app is served with `Content-Security-Policy: default-src 'self'` as a header: no inline script
// or style, no eval, no blob: workers, no other origin. Everything must work under it unchanged.
let h: E2E;
beforeAll(async () => {
  h = await startE2E();
});
afterAll(async () => {
  await h?.close();
});

it('sends the strict policy with the page, its bundle and the backend answers', async () => {
  for (const path of ['', 'dist/main.js', 'styles.css', 'v1/state?projectKey=pk_acme_demo&anonymousId=a1']) {
    const res = await fetch(h.url + path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-security-policy'), path).toBe("default-src 'self'");
  }
  // Only the app's public files: not its sources, not the server.
  for (const path of ['main.ts', 'server.mjs', '../server/index.mjs', 'dist/../server.mjs'])
    expect((await fetch(h.url + path)).status, path).toBe(404);
});

it('works under it with zero securitypolicyviolation events: sync, pull, widget, custom elements, confetti', async () => {
  const context = await h.newContext();
  const requests: string[] = [];
  context.on('request', (r: Request) => requests.push(`${r.method()} ${new URL(r.url()).pathname}`));
  const page = await h.open(context);
  const response = await page.goto(h.url); // the header as the browser got it
  expect(response?.headers()['content-security-policy']).toBe("default-src 'self'");
  await page.evaluate(() => window.wm!.ready);

  // A celebration with confetti (canvas-confetti draws on a canvas in the shadow root, no worker), then the panel.
  await clickTimes(page, '#new-project');
  await waitUntil(
    () => inShadow(page, WIDGET, (root) => !!root.querySelector('.ts') && !!root.querySelector('canvas')),
    'toast and confetti',
  );
  await page.locator(`${WIDGET} button[aria-haspopup="dialog"]`).click();
  await waitUntil(() => inShadow(page, WIDGET, (root) => !!root.querySelector('[role=dialog]')), 'the panel');

  // Styles reached every shadow root through constructable stylesheets (a <style> would need 'unsafe-inline').
  for (const host of [WIDGET, 'waymark-checklist', 'waymark-progress'])
    expect(await inShadow(page, host, (root) => root.adoptedStyleSheets.length), host).toBeGreaterThan(0);
  const accent = await inShadow(page, WIDGET, (root) =>
    getComputedStyle(root.querySelector('button[aria-haspopup]')!).getPropertyValue('--waymark-accent').trim(),
  );
  expect(accent).toBe('#4f46e5');

  // The sync and the pull ran on the same origin.
  await page.evaluate(() => window.wm!.flush());
  await waitUntil(async () => (await h.count('project_created')) === 1, 'the event stored');
  expect(requests).toEqual(expect.arrayContaining(['POST /v1/batch', 'GET /v1/state']));
  await h.shot(page, 'csp-panel-and-celebration');

  expect(await h.cspViolations(page)).toEqual([]);
  expect(h.problems).toEqual([]);
  await context.close();
});

it('control: the policy is enforced and a violation would be seen', async () => {
  const context = await h.newContext();
  const page = await h.open(context);
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
  });
  expect(ran).toBe(false);
  await waitUntil(async () => (await h.cspViolations(page)).length > 0, 'the violation to be reported');
  expect((await h.cspViolations(page)).join()).toContain('script-src');
  await context.close();
});
