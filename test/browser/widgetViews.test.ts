import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWidget, SHOTS, startHarness, track, waitInWidget } from './harness';

// The widget's celebrations, suggestions, journey, Share and a locale, in Chromium through the script tag
// (test/browser/pages/widget.html: waymark.init() with share, ?lang= for the file, ?locale=, ?theme=), on a desktop and a 390 px phone, in
// the host page's light and dark. Each screenshot is taken after asserting what it shows.
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Win = Window & { waymark: { track(name: string): void; open(): void; ready: Promise<void> } };
const VIEWPORTS = { desktop: { width: 1100, height: 800 }, phone: { width: 390, height: 844 } } as const;
const open = (query: string, viewport: keyof typeof VIEWPORTS, scheme: 'light' | 'dark', more = {}) =>
  h.open(`/test/browser/pages/widget.html?${query}${scheme === 'dark' ? '&theme=dark' : ''}`, {
    viewport: VIEWPORTS[viewport],
    colorScheme: scheme,
    ...(viewport === 'phone' && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
    ...more,
  });
const toastText = (page: Page) => inWidget(page, (root) => root.querySelector('.ts')?.textContent ?? '');
const dismiss = async (page: Page) => {
  await inWidget(page, (root) => (root.querySelector('.ts .x') as HTMLElement | null)?.click());
  await waitInWidget(page, '(r) => !r.querySelector(".ts")');
};
// The first level, up to its last milestone: the toast that follows is the level's.
const completeGettingStarted = async (page: Page) => {
  await track(page, 'project_created');
  await track(page, 'teammate_invited');
  await waitInWidget(page, '(r) => r.querySelector(".ts")');
  await dismiss(page);
  await track(page, 'task_completed', 10);
  await waitInWidget(page, '(r) => r.querySelector(".ts.lv-done")');
  await page.waitForTimeout(900); // the pop-in and the first of the confetti
};

describe.each(['desktop', 'phone'] as const)('the widget on a %s', (viewport) => {
  describe.each(['light', 'dark'] as const)('%s host page', (scheme) => {
    it('celebrates a completed level, names its badge, suggests the next milestone with its own call to action, offers Share', async () => {
      const page = await open('', viewport, scheme);
      await completeGettingStarted(page);
      const toast = await inWidget(page, (root) => ({
        title: root.querySelector('.ts .tt')!.textContent,
        lines: [...root.querySelectorAll('.ts .ds')].map((p) => p.textContent),
        next: root.querySelector('.ts .tn .nt')?.textContent,
        cta: [root.querySelector('.ts .tn a')?.textContent, root.querySelector('.ts .tn a')?.getAttribute('href')],
        share: root.querySelector('.ts .sh button')?.textContent,
        scheme: root.querySelector('.wm')!.className,
        box: root.querySelector('.ts')!.getBoundingClientRect().toJSON(),
      }));
      expect(toast.title).toBe('Level complete: Getting started');
      expect(toast.lines).toEqual(['Milestone achieved: Complete 10 tasks', 'Badges earned: Productive and Onboarded']);
      expect(toast.next).toBe('Automate a workflow');
      expect(toast.cta).toEqual(['Create an automation', '#automations']);
      expect(toast.share).toBe('Share');
      expect(toast.scheme).toContain(scheme);
      // On the phone the toast fits the screen, with no sideways scroll.
      expect(toast.box.left).toBeGreaterThanOrEqual(0);
      expect(toast.box.right).toBeLessThanOrEqual(VIEWPORTS[viewport].width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/level-celebration-${viewport}-${scheme}.png` });
      // Once only: a reload does not celebrate the level again.
      await page.reload();
      await page.evaluate(() => (window as unknown as Win).waymark.ready);
      await page.waitForTimeout(600);
      expect(await toastText(page)).toBe('');
      expect(await h.cspViolations(page)).toEqual([]);
      await page.context().close();
    });

    it("a milestone's toast says it was achieved and suggests the next unfinished milestone with that one's own call to action", async () => {
      const page = await open('', viewport, scheme);
      await track(page, 'project_created');
      await waitInWidget(page, '(r) => r.querySelector(".ts .tn")');
      await page.waitForTimeout(600); // the pop-in
      const toast = await inWidget(page, (root) => ({
        title: root.querySelector('.ts .tt')!.textContent,
        next: root.querySelector('.ts .tn .nt')?.textContent,
        cta: [root.querySelector('.ts .tn a')?.textContent, root.querySelector('.ts .tn a')?.getAttribute('href')],
        text: root.querySelector('.ts')!.textContent,
        live: root.querySelector('[aria-live]')!.textContent,
        box: root.querySelector('.ts')!.getBoundingClientRect().toJSON(),
      }));
      expect(toast.title).toBe('Milestone achieved: Create your first project');
      expect(toast.next).toBe('Invite a teammate');
      expect(toast.cta).toEqual(['Invite your team', '#team']);
      // Never what was just done: first-project's own call to action is "Create a project".
      expect(toast.text).not.toContain('Create a project');
      expect(toast.live).toContain('Up next: Invite a teammate');
      expect(toast.box.left).toBeGreaterThanOrEqual(0);
      expect(toast.box.right).toBeLessThanOrEqual(VIEWPORTS[viewport].width);
      await page.screenshot({ path: `${SHOTS}/toast-suggestion-${viewport}-${scheme}.png` });
      await page.context().close();
    });

    it('shows "Your journey": the time saved and what was achieved, when, on a timeline', async () => {
      const page = await open('', viewport, scheme);
      await completeGettingStarted(page);
      await dismiss(page);
      await page.evaluate(() => (window as unknown as Win).waymark.open());
      await waitInWidget(page, '(r) => r.querySelector("[role=dialog]")');
      await page.locator('[data-waymark-widget] [role=tab]:has-text("Your journey")').click();
      await waitInWidget(page, '(r) => r.querySelector(".tl")');
      // The level's confetti done (its canvas removed), so that the screenshot can be read.
      await waitInWidget(page, '(r) => !r.querySelector("canvas.cf")');
      await page.waitForTimeout(400);
      const journey = await inWidget(page, (root) => ({
        total: root.querySelector('.jt')?.textContent,
        titles: [...root.querySelectorAll('.tl .tt')].map((e) => e.textContent),
        selected: root.querySelector('[role=tab][aria-selected=true]')!.textContent,
      }));
      // Complete 10 tasks saves 10 minutes per task: 100 minutes, $50 at $30/h.
      expect(journey.total).toBe('Since you started: ≈ 1.7 hours saved · $50');
      expect(journey.titles).toEqual([
        'Getting started',
        'Complete 10 tasks',
        'Invite a teammate',
        'Create your first project',
      ]);
      expect(journey.selected).toBe('Your journey');
      await page.screenshot({ path: `${SHOTS}/journey-${viewport}-${scheme}.png` });
      await page.context().close();
    });
  });
});

describe('the widget in German', () => {
  it('waymark.de.global.js, no locale configured: words the toast, the panel and the journey in German, with German dates and numbers', async () => {
    const page = await open('lang=de', 'desktop', 'light');
    await completeGettingStarted(page);
    expect(await inWidget(page, (root) => root.querySelector('.ts .tt')!.textContent)).toBe(
      'Stufe abgeschlossen: Getting started',
    );
    const toast = await toastText(page);
    expect(toast).toContain('Abzeichen verdient: Productive und Onboarded');
    expect(toast).toContain('Als Nächstes');
    expect(toast).toContain('Teilen');
    await page.screenshot({ path: `${SHOTS}/de-celebration.png` });
    await dismiss(page);
    await page.evaluate(() => (window as unknown as Win).waymark.open());
    await waitInWidget(page, '(r) => r.querySelector("[role=dialog]")');
    await page.waitForTimeout(400);
    const panel = await inWidget(page, (root) => ({
      title: root.querySelector('h2')!.textContent,
      summary: root.querySelector('.sub')!.textContent,
      tabs: [...root.querySelectorAll('[role=tab]')].map((t) => t.textContent),
      launcher: root.querySelector('.lc')!.getAttribute('aria-label'),
      achieved: [...root.querySelectorAll('.achieved .me.s')].map((e) => e.textContent),
    }));
    expect(panel).toMatchObject({
      title: 'Dein Fortschritt',
      summary: '3 von 5 Meilensteinen erreicht',
      tabs: ['Fortschritt', 'Dein Weg'],
      launcher: 'Dein Fortschritt: 3 von 5 Meilensteinen erreicht',
    });
    expect(panel.achieved[0]).toMatch(/^Erreicht am \d\d\.\d\d\.\d{4}$/);
    await page.screenshot({ path: `${SHOTS}/de-panel.png` });
    await page.locator('[data-waymark-widget] [role=tab]:has-text("Dein Weg")').click();
    await waitInWidget(page, '(r) => r.querySelector(".jt")');
    expect(await inWidget(page, (root) => root.querySelector('.jt')!.textContent)).toBe(
      'Seit deinem Start: ≈ 1,7 Stunden gespart · 50\u00a0$',
    );
    await page.screenshot({ path: `${SHOTS}/de-journey.png` });
    await page.context().close();
  });

  it('waymark.global.js asked for German: English words and numbers, and a warning that names waymark.de.global.js', async () => {
    const warnings: string[] = [];
    const page = await h.open(
      '/test/browser/pages/widget.html?locale=de',
      { viewport: VIEWPORTS.desktop },
      async (p) => void p.on('console', (m) => void warnings.push(m.text())),
    );
    await page.evaluate(() => (window as unknown as Win).waymark.open());
    await waitInWidget(page, '(r) => r.querySelector("[role=dialog] h2")');
    expect(await inWidget(page, (root) => root.querySelector('h2')!.textContent)).toBe('Your progress');
    await expect.poll(() => warnings.join('\n')).toContain(`locale "de" has no strings, so the words stay English`);
    expect(warnings.join('\n')).toContain('waymark.de.global.js');
    await page.context().close();
  });

  it('a German browser without data-locale gets English words and English numbers, not a mix', async () => {
    const page = await open('', 'desktop', 'light', { locale: 'de-DE' });
    expect(await page.evaluate(() => navigator.language)).toBe('de-DE');
    await track(page, 'project_created');
    await page.evaluate(() => (window as unknown as Win).waymark.open());
    await waitInWidget(page, '(r) => r.querySelector(".achieved .me.s")');
    expect(await inWidget(page, (root) => root.querySelector('.achieved .me.s')!.textContent)).toMatch(
      /^Achieved [A-Z][a-z]{2} \d{1,2}, \d{4}$/,
    );
    await page.context().close();
  });
});

describe('the widget by keyboard', () => {
  it('opens from the launcher, moves through the dialog and its tabs, and closes back to the launcher', async () => {
    const page = await open('', 'desktop', 'light');
    await page.locator('[data-waymark-widget] button.lc').focus();
    await page.keyboard.press('Enter');
    await waitInWidget(page, '(r) => r.activeElement?.getAttribute("role") === "dialog"');
    const focused = () =>
      inWidget(page, (root) =>
        `${root.activeElement?.getAttribute('role') ?? root.activeElement?.className} ${root.activeElement?.textContent ?? ''}`.trim(),
      );
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('x');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('tab Progress');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('tab Your journey');
    expect(await inWidget(page, (root) => !!root.querySelector('.jr'))).toBe(true);
    await page.keyboard.press('Escape');
    await waitInWidget(page, '(r) => !r.querySelector("[role=dialog]")');
    expect(await inWidget(page, (root) => root.activeElement?.className)).toBe('lc');
    await page.context().close();
  });
});

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
describe.each(['light', 'dark'] as const)('axe-core on the new views, %s host page', (scheme) => {
  it('finds no serious or critical violation in the journey tab, nor in a level celebration with Share', async () => {
    // bypassCSP only here: axe is injected as an inline script, which the page's CSP rightly refuses.
    const page = await open('', 'desktop', scheme, { bypassCSP: true });
    await page.addScriptTag({ content: axeSource });
    const scan = () =>
      page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run(d: Document): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }>;
            };
          }
        ).axe;
        const { violations } = await axe.run(document);
        return violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      });
    await completeGettingStarted(page);
    await inWidget(page, (root) => (root.querySelector('.ts .sh button') as HTMLElement).click()); // no Web Share here: the links
    await waitInWidget(page, '(r) => r.querySelector(".ts .sh a")');
    expect(await scan()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/share-links-${scheme}.png` });
    // Copy link: copied, or, where the clipboard is refused, the line shown to copy by hand.
    await inWidget(page, (root) => (root.querySelectorAll('.ts .sh button')[1] as HTMLElement).click());
    await waitInWidget(
      page,
      '(r) => r.querySelector(".ts .sh input") || /Copied/.test(r.querySelector(".ts .sh").textContent)',
    );
    const copied = await inWidget(
      page,
      (root) => (root.querySelector('.ts .sh input') as HTMLInputElement | null)?.value ?? 'copied',
    );
    expect(['copied', 'I just reached Getting started in Acme Tasks https://acme.example/']).toContain(copied);
    expect(await scan()).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/share-copy-${scheme}.png` });
    await dismiss(page);
    await page.evaluate(() => (window as unknown as Win).waymark.open());
    await page.locator('[data-waymark-widget] [role=tab]:has-text("Your journey")').click();
    await waitInWidget(page, '(r) => r.querySelector(".tl")');
    await page.waitForTimeout(500);
    expect(await scan()).toEqual([]);
    await page.context().close();
  });
});
