// The script tag as a script-tag user deploys it: waymark.global.js (or a file in another language, here German)
// copied into a static folder beside their page and their milestones.json, and nothing else. Everything must work
// from that one file.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startHarness } from './harness';

const milestones = {
  milestones: [
    {
      id: 'first-step',
      title: 'Take the first step',
      rule: { event: 'step' },
      celebrate: 'confetti',
      badge: { name: 'Starter', icon: '🚀' },
    },
    { id: 'five-steps', title: 'Take five steps', rule: { event: 'step', count: 5 }, celebrate: 'confetti' },
  ],
  levels: [{ id: 'basics', title: 'Basics', milestones: ['first-step', 'five-steps'] }],
};
const html = (file: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Only the script tag</title>
    <script async src="${file}" data-project-key="pk_alone" data-milestones="milestones.json"></script>
  </head>
  <body>
    <h1>A static page</h1>
    <waymark-checklist level="basics"></waymark-checklist>
  </body>
</html>
`;

const FILES = [
  {
    file: 'waymark.global.js',
    suffix: '',
    words: { launcher: 'Your progress: 0 of 2 milestones achieved', fiveSteps: 'Milestone achieved: Take five steps' },
  },
  // German without any locale configured: the file's own language.
  {
    file: 'waymark.de.global.js',
    suffix: '-de',
    words: {
      launcher: 'Dein Fortschritt: 0 von 2 Meilensteinen erreicht',
      fiveSteps: 'Meilenstein erreicht: Take five steps',
    },
  },
];

describe.each(FILES)('$file', ({ file, suffix, words }) => {
  let folder: string;
  let h: Awaited<ReturnType<typeof startHarness>>;
  const contexts: BrowserContext[] = [];
  // Every request any page made, and every console warning: the file must ask for nothing beside itself.
  const requests: string[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'waymark-alone-'));
    copyFileSync(`dist/${file}`, join(folder, file));
    writeFileSync(join(folder, 'milestones.json'), JSON.stringify(milestones));
    writeFileSync(join(folder, 'index.html'), html(file));
    h = await startHarness({ root: folder });
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) {
      for (const p of context.pages()) expect(await h.cspViolations(p)).toEqual([]);
      await context.close();
    }
    expect(h.errors.splice(0)).toEqual([]);
    expect(errors.splice(0)).toEqual([]);
    expect(warnings.splice(0)).toEqual([]);
    expect([...new Set(requests.splice(0))].filter((path) => path !== '/favicon.ico').sort()).toEqual([
      '/',
      '/milestones.json',
      `/${file}`,
    ]);
  });
  afterAll(async () => {
    await h?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** Opens the page in `context`'s first tab (a fresh context when none is given), recording requests and warnings. */
  const open = async (context?: BrowserContext): Promise<Page> => {
    const p = await h.open(
      '/',
      {},
      async (tab) => {
        tab.on('request', (r) => void requests.push(new URL(r.url()).pathname));
        // Chromium's hint about getImageData comes from this test's own pixel counting.
        tab.on(
          'console',
          (m) =>
            void (
              m.type() === 'warning' &&
              !m.text().startsWith('Canvas2D: Multiple readback') &&
              warnings.push(m.text())
            ),
        );
      },
      context,
    );
    await p.evaluate(() => {
      const page = window as unknown as {
        __errors: string[];
        waymark: { on(name: string, f: (e: { code: string }) => void): void };
      };
      page.__errors = [];
      page.waymark.on('error', (e) => page.__errors.push(e.code));
    });
    if (!context) contexts.push(p.context());
    return p;
  };
  const track = (p: Page, times = 1) =>
    p.evaluate((n) => {
      for (let i = 0; i < n; i++)
        (window as unknown as { waymark: { track(name: string): void } }).waymark.track('step');
    }, times);
  const inRoot = <T>(p: Page, selector: string, fn: string) =>
    p.evaluate(
      `(() => { const r = document.querySelector(${JSON.stringify(selector)})?.shadowRoot; return r ? (${fn})(r) : null; })()`,
    ) as Promise<T>;
  const widget = '[data-waymark-widget]';
  const poll = async (what: () => Promise<unknown>, message: string, timeout = 10_000) => {
    const end = Date.now() + timeout;
    while (!(await what())) {
      if (Date.now() > end) throw new Error(`timed out: ${message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  // The shares of the checklist's bars, from the fills' laid-out widths: what a user sees, not an attribute.
  const bars = (p: Page, selector: string) =>
    inRoot<number[]>(
      p,
      selector,
      `(r) => [...r.querySelectorAll('.bar')].map((b) => Math.round((b.firstElementChild.getBoundingClientRect().width / b.getBoundingClientRect().width) * 100) / 100)`,
    );
  const confettiPixels = `(r) => {
    const canvas = r.querySelector('canvas');
    if (!canvas || !canvas.width) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  }`;
  const toast = (p: Page) =>
    inRoot<[string, string] | null>(
      p,
      widget,
      `(r) => r.querySelector('.ts') && [r.querySelector('.ts .tt').textContent, r.querySelector('[aria-live]').textContent]`,
    );
  const drewConfetti = (p: Page) => inRoot<number>(p, widget, confettiPixels).then((n) => (n ?? 0) > 300);

  describe('served alone, nothing beside it', () => {
    it('in one tab: the launcher opens the dialog, progress bars show, an achievement brings a toast, an announcement and confetti', async () => {
      const p = await open();
      expect(await inRoot(p, widget, `(r) => r.querySelector('button.lc').getAttribute('aria-label')`)).toBe(
        words.launcher,
      );
      await inRoot(p, widget, `(r) => r.querySelector('button.lc').click()`);
      await poll(
        () => inRoot(p, widget, `(r) => r.activeElement?.getAttribute('role') === 'dialog'`),
        'the dialog has focus',
      );
      await p.evaluate(() => (window as unknown as { waymark: { close(): void } }).waymark.close());

      await track(p);
      await poll(() => toast(p), 'a toast');
      const [title, announced] = (await toast(p))!;
      expect(title).toContain('Take the first step');
      expect(announced).toContain('Take the first step');
      await poll(() => drewConfetti(p), 'confetti pixels on the canvas');
      await p.waitForTimeout(600); // the toast's pop-in (.45 s): the shot shows it settled, not half transparent
      await p.screenshot({ path: `${SHOTS}/script-alone${suffix}-celebration.png` });

      // The inline checklist and the panel both draw their bars: achieved full, 1 of 5 a fifth.
      await poll(
        async () => JSON.stringify(await bars(p, 'waymark-checklist')) === '[1,0.2]',
        'the checklist bars at [1, 0.2]',
      );
      await p.evaluate(() => (window as unknown as { waymark: { open(): void } }).waymark.open());
      await poll(() => inRoot(p, widget, `(r) => r.querySelector('.pn .bar')`), 'the panel with its bars');
      expect(await bars(p, widget)).toEqual(expect.arrayContaining([1, 0.2]));
      await p.waitForTimeout(400); // the panel's opening animation
      await p.screenshot({ path: `${SHOTS}/script-alone${suffix}-panel.png` });
      expect(await p.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([]);
    });

    it('in two tabs: both open their dialog and show the same bars; each achievement is celebrated in one tab, with confetti', async () => {
      const first = await open();
      const context = first.context();
      const second = await open(context);
      for (const p of [first, second]) {
        await inRoot(p, widget, `(r) => r.querySelector('button.lc').click()`);
        await poll(
          () => inRoot(p, widget, `(r) => r.activeElement?.getAttribute('role') === 'dialog'`),
          'the dialog has focus',
        );
        await p.evaluate(() => (window as unknown as { waymark: { close(): void } }).waymark.close());
      }

      await track(first);
      // The other tab hears of it through the tabs' channel: the same bars in both.
      for (const p of [first, second])
        await poll(
          async () => JSON.stringify(await bars(p, 'waymark-checklist')) === '[1,0.2]',
          'the bars at [1, 0.2] in both tabs',
        );
      await poll(async () => (await toast(first)) || (await toast(second)), 'a toast in one tab');
      await poll(async () => (await drewConfetti(first)) || (await drewConfetti(second)), 'confetti in one tab');
      await new Promise((r) => setTimeout(r, 1000));
      const toasts = [await toast(first), await toast(second)].filter(Boolean);
      expect(toasts).toHaveLength(1);
      expect(toasts[0]![0]).toContain('Take the first step');
      expect(toasts[0]![1]).toContain('Take the first step');

      await track(second, 4);
      for (const p of [first, second])
        await poll(
          async () => JSON.stringify(await bars(p, 'waymark-checklist')) === '[1,1]',
          'both bars full in both tabs',
        );
      // The second completes the level: the toast leads with the level, and names the milestone after it.
      await poll(
        async () => [await toast(first), await toast(second)].some((t) => t?.[1].includes(words.fiveSteps)),
        'the second toast',
      );
      await poll(async () => (await drewConfetti(first)) || (await drewConfetti(second)), 'confetti for the second');
      for (const [i, p] of [first, second].entries())
        await p.screenshot({ path: `${SHOTS}/script-alone${suffix}-tab-${i + 1}.png` });
      for (const p of [first, second])
        expect(await p.evaluate(() => (window as unknown as { __errors: string[] }).__errors)).toEqual([]);
    });
  });
});
