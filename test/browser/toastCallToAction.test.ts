import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWidget, SHOTS, startHarness, track, waitInWidget } from './harness';

// The toast's call to action, after the level "Getting started", reads on one line, whole, on phones and a desktop,
// in the floating widget and an inline launcher's, in the light and the dark scheme (test/browser/pages/widget.html
// and launcher.html). Its label is made a little longer than the example's "Create an automation", which just fitted
// a 390px phone here (DejaVu Sans), with 20px to spare: a longer label, a wider font or a translation did not.
const LABEL = 'Create an automation rule';
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The call to action's lines of text, and whether it is whole: in the toast, nothing of it cut off. */
const measure = `(root) => {
  const btn = root.querySelector('.ts .tn .btn');
  const label = [...btn.childNodes].find((n) => n.nodeType === 3);
  const range = document.createRange();
  range.selectNodeContents(label);
  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  const b = btn.getBoundingClientRect();
  const t = root.querySelector('.ts').getBoundingClientRect();
  return {
    text: btn.textContent,
    lines: tops.size,
    whole: btn.scrollWidth <= btn.clientWidth && b.left >= t.left && b.right <= t.right,
    width: Math.round(b.width),
  };
}`;

const VIEWPORTS = [
  [360, 640],
  [390, 844],
  [1280, 800],
] as const;

describe.each([
  ['floating', 'widget.html?', '[data-waymark-widget]'],
  ['inline', 'launcher.html?at=top-right&', 'waymark-launcher'],
] as const)("the toast's call to action, %s", (kind, page, host) => {
  it.each(VIEWPORTS.flatMap(([w, ht]) => ['light', 'dark'].map((theme) => [w, ht, theme] as const)))(
    'at %ix%i, %s: on one line, whole',
    async (width, height, theme) => {
      const p = await h.open(
        `/test/browser/pages/${page}theme=${theme}`,
        { viewport: { width, height }, ...(width < 800 && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }) },
        async (p) => {
          await p.route('**/milestones.json', async (route) => {
            const body = (await (await route.fetch()).text()).replace('"Create an automation"', JSON.stringify(LABEL));
            await route.fulfill({ body, contentType: 'application/json' });
          });
        },
      );
      await track(p, 'project_created');
      await track(p, 'teammate_invited');
      await track(p, 'task_completed', 10);
      await waitInWidget(p, '(r) => r.querySelector(".ts.lv-done .btn")', { host });
      await p.waitForTimeout(700); // the toast's pop-in, settled
      const cta = await inWidget<{ text: string; lines: number; whole: boolean }>(p, measure, host);
      await p.screenshot({ path: `${SHOTS}/toast-cta-${kind}-${theme}-${width}x${height}.png` });
      expect(cta).toMatchObject({ text: LABEL, lines: 1, whole: true });
      await p.context().close();
    },
  );
});
