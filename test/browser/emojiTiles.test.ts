import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWidget, SHOTS, startHarness, track, waitInWidget } from './harness';

// A badge's emoji reads on its tile in both schemes. 🎓 (the "Getting started" level's badge in
// examples/plain-html/milestones.json) is a dark glyph: on the dark scheme's dark tiles it all but disappeared.
// Measured as a user sees it: the tile's colour as Chromium computes it (the darker end of a gradient), against the
// glyph's dark pixels in a screenshot of the tile (the darkest tenth, drawn by the system's colour emoji font).
let h: Awaited<ReturnType<typeof startHarness>>;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** WCAG relative luminance of `rgb(…)` or `color(srgb …)`, as Chromium computes colours. */
const luminance = (css: string) => {
  const srgb = /color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)/.exec(css);
  const rgb = /rgba?\((\d+), (\d+), (\d+)/.exec(css);
  const c = srgb ? srgb.slice(1).map(Number) : rgb!.slice(1).map((v) => Number(v) / 255);
  const [r, g, b] = c.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** The luminance of the darkest tenth of the pixels inside the tile's circle, decoded in a page without a CSP. */
const darkPixels = async (page: Page, png: Buffer) => {
  const blank = await page.context().newPage();
  const value = await blank.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const image = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(image.width, image.height);
    const g = canvas.getContext('2d')!;
    g.drawImage(image, 0, 0);
    const { data, width, height } = g.getImageData(0, 0, image.width, image.height);
    const lin = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    const values: number[] = [];
    // Inside 40% of the radius from the middle: the glyph and the tile around it, not the tile's edge or its ring.
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if (Math.hypot(x - width / 2, y - height / 2) > 0.4 * width) continue;
        const i = 4 * (y * width + x);
        values.push(0.2126 * lin(data[i]) + 0.7152 * lin(data[i + 1]) + 0.0722 * lin(data[i + 2]));
      }
    values.sort((a, b) => a - b);
    return values[Math.floor(values.length / 10)];
  }, png.toString('base64'));
  await blank.close();
  return value;
};

/** The tile's darker colour: its background colour, or the darker end of its gradient. */
const tileLuminance = async (page: Page, selector: string) => {
  const style = await inWidget(
    page,
    new Function(
      'root',
      `const s = getComputedStyle(root.querySelector(${JSON.stringify(selector)})); return [s.backgroundColor, s.backgroundImage];`,
    ) as (root: ShadowRoot) => [string, string],
  );
  const colours = [style[0], ...(style[1].match(/(color\(srgb[^)]*\)|rgba?\([^)]*\))/g) ?? [])].filter(
    (c) => !/rgba\(0, 0, 0, 0\)/.test(c),
  );
  return Math.min(...colours.map(luminance));
};

const readsOn = async (page: Page, selector: string) => {
  const tile = await tileLuminance(page, selector);
  const glyph = await darkPixels(page, await page.locator(`[data-waymark-widget] ${selector}`).screenshot());
  return contrast(tile, glyph);
};

describe.each(['light', 'dark'] as const)('emoji tiles, %s scheme', (scheme) => {
  it('🎓 reads on its tile (contrast 3:1 or more): the level toast, the badge and the journey dot', async () => {
    const page = await h.open(`/test/browser/pages/widget.html?${scheme === 'dark' ? 'theme=dark' : ''}`, {
      colorScheme: scheme,
      reducedMotion: 'reduce', // no confetti over the tiles
      deviceScaleFactor: 2,
    });
    await track(page, 'project_created');
    await track(page, 'teammate_invited');
    await waitInWidget(page, '(r) => r.querySelector(".ts")');
    await inWidget(page, (root) => (root.querySelector('.ts .x') as HTMLElement).click());
    await track(page, 'task_completed', 10);
    await waitInWidget(page, '(r) => r.querySelector(".ts.lv-done")');
    expect(await inWidget(page, (root) => root.querySelector('.wm')!.className)).toContain(scheme);
    expect(await inWidget(page, (root) => root.querySelector('.ts .i')!.textContent)).toBe('🎓');
    const seen: Record<string, number> = {};
    seen.toast = await readsOn(page, '.ts .i');
    await page.screenshot({ path: `${SHOTS}/emoji-tile-toast-${scheme}.png` });
    await inWidget(page, (root) => (root.querySelector('.ts .x') as HTMLElement).click());
    await page.evaluate(() => (window as any).waymark.open());
    await waitInWidget(page, '(r) => r.querySelector(".bs")');
    const badge = '.b:last-child .i';
    expect(await inWidget(page, (root) => root.querySelector('.b:last-child')!.textContent)).toBe('🎓Onboarded');
    await page.locator(`[data-waymark-widget] ${badge}`).scrollIntoViewIfNeeded();
    seen.badge = await readsOn(page, badge);
    await page.screenshot({ path: `${SHOTS}/emoji-tile-badges-${scheme}.png` });
    await page.locator('[data-waymark-widget] [role=tab]:has-text("Your journey")').click();
    await waitInWidget(page, '(r) => r.querySelector(".lvl .dot")');
    expect(await inWidget(page, (root) => root.querySelector('.lvl .dot')!.textContent)).toBe('🎓');
    seen.journey = await readsOn(page, '.lvl .dot');
    await page.screenshot({ path: `${SHOTS}/emoji-tile-journey-${scheme}.png` });
    // Each below 3:1 named with its ratio.
    expect(Object.entries(seen).filter(([, ratio]) => ratio < 3)).toEqual([]);
    await page.context().close();
  });
});
