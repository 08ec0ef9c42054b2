import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inWidget, startHarness, waitInWidget } from './harness';

type H = Awaited<ReturnType<typeof startHarness>>;
let h: H;
const pages: Page[] = [];
const open = async (...args: Parameters<H['open']>) => {
  const page = await h.open(...args);
  pages.push(page);
  return page;
};

beforeAll(async () => {
  h = await startHarness();
});
afterEach(async () => {
  // Every page in every test: zero CSP violations, zero uncaught errors.
  for (const page of pages.splice(0)) {
    expect(await h.cspViolations(page)).toEqual([]);
    await page.context().close();
  }
  expect(h.errors.splice(0)).toEqual([]);
});
afterAll(async () => {
  await h?.close();
});

const track = (page: Page, event: string) => page.evaluate((e) => (window as any).waymark.track(e), event);
const confettiPixels = (root: ShadowRoot) => {
  const canvas = root.querySelector('canvas');
  if (!canvas?.width) return 0;
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
  return n;
};

describe('the script tag in Chromium, strict CSP (default-src self)', () => {
  it('replays calls queued before load, in order, and mounts the launcher', async () => {
    const page = await open('/test/browser/pages/hostile.html');
    // early.js queued on('achieved') and track('project_created') before the file loaded.
    expect(await page.evaluate(() => (window as any).waymark.milestone('first-project').status)).toBe('achieved');
    await expect.poll(() => page.evaluate(() => (window as any).__achieved)).toContain('first-project');
    expect(await inWidget(page, (root) => root.querySelector('button.lc')!.getAttribute('aria-label'))).toBe(
      'Your progress: 1 of 5 milestones achieved',
    );
  });

  it('keeps its look under hostile host CSS', async () => {
    const page = await open('/test/browser/pages/hostile.html');
    await page.evaluate(() => (window as any).waymark.open());
    await waitInWidget(page, '(r) => r.querySelector(".pn")');
    const look = await page.evaluate(() => {
      const host = document.querySelector('[data-waymark-widget]') as HTMLElement;
      const root = host.shadowRoot!;
      const css = (sel: string) => getComputedStyle(root.querySelector(sel)!);
      const launcher = root.querySelector('.lc')!.getBoundingClientRect();
      return {
        pageFont: getComputedStyle(document.querySelector('p')!).fontSize,
        hostOpacity: getComputedStyle(host).opacity,
        hostTransform: getComputedStyle(host).transform,
        h2: [
          css('h2').fontSize,
          css('h2').fontFamily,
          css('h2').color,
          css('h2').textTransform,
          css('h2').letterSpacing,
        ],
        panelDisplay: css('.pn').display,
        buttonPadding: css('.btn').paddingLeft,
        launcher: [
          launcher.width,
          launcher.height,
          Math.round(innerWidth - launcher.right),
          Math.round(innerHeight - launcher.bottom),
        ],
        element: getComputedStyle(document.querySelector('waymark-progress')!.shadowRoot!.querySelector('.tt')!)
          .fontSize,
      };
    });
    expect(look.pageFont).toBe('31px'); // the hostile stylesheet did load
    expect(look.hostOpacity).toBe('1');
    expect(look.hostTransform).toBe('none');
    expect(look.h2[0]).toBe('17px');
    expect(look.h2[1]).not.toMatch(/comic/i);
    expect(look.h2[2]).not.toBe('rgb(255, 0, 255)');
    expect(look.h2.slice(3)).toEqual(['none', 'normal']);
    expect(look.panelDisplay).toBe('flex');
    expect(look.buttonPadding).toBe('14px');
    expect(look.launcher).toEqual([60, 60, 20, 20]);
    expect(look.element).toBe('14px');
    // Theming from the host page: --waymark-* custom properties still reach inside.
    const fill = await page.evaluate(() => {
      const el = document.querySelector('waymark-progress') as HTMLElement;
      el.style.setProperty('--waymark-accent', '#0f766e');
      return getComputedStyle(el.shadowRoot!.querySelector('.bar > i')!).backgroundColor;
    });
    expect(fill).toBe('rgb(15, 118, 110)');
  });

  it('celebrates a milestone reached by track(): toast, live announcement and confetti pixels', async () => {
    const loaded: string[] = [];
    const page = await open(
      '/examples/plain-html/',
      { colorScheme: 'light' },
      async (p) => void p.on('request', (r) => loaded.push(new URL(r.url()).pathname)),
    );
    // One file: the stub and waymark.global.js are all the page loads from dist/, before and after the celebration.
    const fromDist = () => loaded.filter((path) => path.startsWith('/dist/'));
    expect(fromDist()).toEqual(['/dist/waymark.stub.js', '/dist/waymark.global.js']);
    await track(page, 'project_created');
    await track(page, 'teammate_invited');
    await waitInWidget(page, '(r) => r.querySelector(".ts")');
    const text = await inWidget(page, (root) => [
      root.querySelector('.ts .tt')!.textContent,
      root.querySelector('[aria-live]')!.textContent,
    ]);
    expect(text[0]).toMatch(/^Milestones? achieved: /);
    expect(text[0]).toContain('Invite a teammate');
    expect(text[1]).toContain('Invite a teammate');
    expect(text[1]).toMatch(/Badges? earned: /);
    await waitInWidget(page, `(r) => (${confettiPixels.toString()})(r) > 300`);
    // Once the burst is over the canvas is gone again.
    await waitInWidget(page, '(r) => !r.querySelector("canvas")', { timeout: 15_000 });
    expect(fromDist()).toEqual(['/dist/waymark.stub.js', '/dist/waymark.global.js']);
  });

  it('runs under a nonce-only script-src: confetti drawn, no other script added', async () => {
    const page = await open('/test/browser/pages/nonce.html', {}, async (p) => {
      await p.route('**/nonce.html', async (route) => {
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': "script-src 'nonce-t3st'; style-src 'self'" },
        });
      });
    });
    await track(page, 'teammate_invited');
    await waitInWidget(page, `(r) => (${confettiPixels.toString()})(r) > 300`);
    expect(
      await page.evaluate(() => [...document.scripts].map((s) => `${new URL(s.src).pathname} ${s.nonce}`)),
    ).toEqual(['/dist/waymark.stub.js t3st', '/dist/waymark.global.js t3st']);
  });

  it('draws no confetti under prefers-reduced-motion, and still shows the toast', async () => {
    const page = await open('/examples/plain-html/', { reducedMotion: 'reduce' });
    await track(page, 'teammate_invited');
    await waitInWidget(page, '(r) => r.querySelector(".ts")');
    await page.waitForTimeout(1000);
    expect(await inWidget(page, (root) => root.querySelectorAll('canvas').length)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('canvas').length)).toBe(0);
  });

  it('celebrates each milestone once: not again after a reload', async () => {
    const page = await open('/examples/plain-html/');
    await track(page, 'teammate_invited');
    await waitInWidget(page, '(r) => r.querySelector(".ts")');
    await page.evaluate(() => (window as any).waymark.flush());
    await page.reload();
    await page.evaluate(() => (window as any).waymark.ready);
    expect(await page.evaluate(() => (window as any).waymark.milestone('invite-teammate').status)).toBe('achieved');
    await page.waitForTimeout(1200);
    expect(await inWidget(page, (root) => root.querySelector('.ts'))).toBeNull();
  });

  it('works from the keyboard: Tab to the launcher, Enter, Tab stays inside, Escape returns focus', async () => {
    const page = await open('/test/browser/pages/hostile.html');
    const focused = () =>
      inWidget(page, (root) => root.activeElement?.getAttribute('role') || root.activeElement?.className || null);
    await page.focus('#before');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('lc');
    await page.keyboard.press('Enter');
    // The dialog takes focus after it has rendered.
    await expect.poll(focused).toBe('dialog');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('x');
    const inside: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      inside.push(await inWidget(page, (root) => !!root.activeElement?.closest('.pn')));
    }
    expect(inside.every(Boolean)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await inWidget(page, (root) => root.querySelector('[role="dialog"]'))).toBeNull();
    expect(await focused()).toBe('lc');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('dialog');
  });

  it('with an endpoint, sends the batch from the same file', async () => {
    const batches: { events: { type: string; name: string }[] }[] = [];
    const page = await open('/test/browser/pages/sync.html', {}, async (p) => {
      await p.route('**/api/v1/batch', async (route) => {
        batches.push(route.request().postDataJSON());
        await route.fulfill({ json: { accepted: 2, duplicates: 0 } });
      });
      await p.route('**/api/v1/state**', (route) => route.fulfill({ json: {} }));
    });
    await page.evaluate(() => (window as any).waymark.flush());
    await expect
      .poll(() => batches.flatMap((b) => b.events.map((e) => `${e.type}:${e.name}`)))
      .toEqual(['track:opened', 'achieved:open']);
    expect(await page.evaluate(() => (window as any).__errors)).toEqual([]);
  });

  it('is configured by waymark.init() queued in the stub; launcher: false mounts no launcher', async () => {
    const page = await open('/test/browser/pages/init.html');
    expect(
      await page.evaluate(() => (window as any).waymark.milestones().map((m: any) => `${m.id}:${m.status}`)),
    ).toEqual(['open:achieved', 'three:active']);
    expect(await page.evaluate(() => document.querySelector('[data-waymark-widget]'))).toBeNull();
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('waymark-checklist')!.shadowRoot?.querySelector('h3')?.textContent),
      )
      .toBe('Basics · 1 of 2');
  });
});
