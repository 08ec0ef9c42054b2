import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inWidget, startHarness, waitInWidget } from '../browser/harness';

// axe-core in real headless Chromium over the plain-HTML example (examples/plain-html, served with its
// strict CSP), with the widget's panel open and with a celebration on screen, in both colour schemes.
// axe reaches into the widget's open shadow roots by itself.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; html: string; summary: string }[];
}

let h: Awaited<ReturnType<typeof startHarness>>;
const SHOTS = 'artifacts/e2e';
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

// bypassCSP only here: axe is injected as an inline script, which the page's `default-src 'self'` rightly
// refuses. The other browser tests keep the CSP and prove the widget needs no exception to it.
const open = (colorScheme: 'light' | 'dark') => h.open('/examples/plain-html/', { colorScheme, bypassCSP: true });

/** Runs axe over the whole document; returns its violations and the rules that passed on nodes inside the widget. */
const scan = async (page: Page): Promise<{ violations: Violation[]; insideWidget: string[] }> => {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async (): Promise<{ violations: Violation[]; insideWidget: string[] }> => {
    const axe = (
      window as unknown as { axe: { run(context: Document): Promise<{ violations: any[]; passes: any[] }> } }
    ).axe;
    const { violations, passes } = await axe.run(document);
    return {
      violations: violations.map((v) => ({
        id: v.id as string,
        impact: v.impact as string | null,
        help: v.help as string,
        nodes: v.nodes.map((n: any) => ({
          target: n.target,
          html: String(n.html).slice(0, 200),
          summary: n.failureSummary as string,
        })),
      })),
      // A node in a shadow root has a target like [["host selector", "selector inside"]].
      insideWidget: passes
        .filter((p) =>
          p.nodes.some(
            (n: any) => Array.isArray(n.target[0]) && String(n.target[0][0]).includes('data-waymark-widget'),
          ),
        )
        .map((p) => p.id as string),
    };
  });
  // Every finding is printed, minor ones too, so the report can name them.
  for (const v of result.violations)
    console.log(
      `[axe] ${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.html}\n    ${n.summary}`).join('\n')}`,
    );
  return result;
};
const severe = (violations: Violation[]) =>
  violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);

// Some progress first, so achieved, active and locked milestones are all on screen.
const progress = async (page: Page) => {
  await page.evaluate(() => {
    const wm = (window as any).waymark;
    wm.track('project_created');
    for (let i = 0; i < 7; i++) wm.track('task_completed');
  });
  await waitInWidget(page, '(r) => r.querySelector(".ts")');
};

describe.each(['light', 'dark'] as const)('axe-core, %s scheme', (colorScheme) => {
  it('finds no serious or critical violation with the panel open', async () => {
    const page = await open(colorScheme);
    await progress(page);
    await inWidget(page, (root) => (root.querySelector('.ts .x') as HTMLElement).click()); // dismiss the toast
    // A real click on the launcher inside the widget's shadow root (Playwright's CSS pierces open shadow roots).
    await page.locator('[data-waymark-widget] button[aria-haspopup="dialog"]').click();
    await waitInWidget(page, '(r) => r.querySelector("[role=dialog]")');
    await page.waitForTimeout(500); // the opening animation, which would skew colour-contrast
    expect(await inWidget(page, (root) => root.querySelectorAll('[role="progressbar"]').length)).toBeGreaterThan(3);
    const { violations, insideWidget } = await scan(page);
    // The scan did reach into the panel's shadow root.
    expect(insideWidget).toEqual(
      expect.arrayContaining(['aria-dialog-name', 'aria-progressbar-name', 'color-contrast', 'button-name']),
    );
    await page.screenshot({ path: `${SHOTS}/axe-panel-${colorScheme}.png` });
    expect(severe(violations)).toEqual([]);
    await page.context().close();
  });

  it('finds no serious or critical violation while a celebration is on screen', async () => {
    const page = await open(colorScheme);
    await progress(page);
    await page.waitForTimeout(700); // the toast's pop-in animation
    expect(await inWidget(page, (root) => root.querySelector('.ts')!.textContent)).toContain(
      'Create your first project',
    );
    const { violations, insideWidget } = await scan(page);
    expect(insideWidget).toEqual(expect.arrayContaining(['color-contrast', 'button-name']));
    await page.screenshot({ path: `${SHOTS}/axe-celebration-${colorScheme}.png` });
    expect(severe(violations)).toEqual([]);
    await page.context().close();
  });
});
