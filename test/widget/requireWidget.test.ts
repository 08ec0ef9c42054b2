// @vitest-environment happy-dom
// The CommonJS build of the widget, as `require('waymark/widget')` loads it: it carries its own preact, which must
// render like the ESM build's.
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('dist/widget.cjs', () => {
  it('mounts the launcher, opens the panel and follows the client, with the CommonJS core', async () => {
    const { createWaymark } = require('../../dist/index.cjs');
    const { mountWidget } = require('../../dist/widget.cjs');
    const wm = createWaymark({
      projectKey: 'pk_cjs',
      storage: 'memory',
      milestones: [
        { id: 'one', title: 'Do it once', rule: { event: 'did' }, celebrate: 'none' },
        { id: 'two', title: 'Do it twice', rule: { event: 'did', count: 2 } },
      ],
    });
    await wm.ready;
    const errors: unknown[] = [];
    const widget = mountWidget(wm, { locale: 'en-US', onError: (e: unknown) => errors.push(e) });
    const root = document.querySelector('[data-waymark-widget]')!.shadowRoot!;
    const label = () => root.querySelector('button.lc')?.getAttribute('aria-label');
    await expect.poll(label).toBe('Your progress: 0 of 2 milestones achieved');
    wm.track('did');
    await expect.poll(label).toBe('Your progress: 1 of 2 milestones achieved');
    widget.open();
    await expect.poll(() => root.querySelector('[role="dialog"]')?.textContent).toContain('Do it twice');
    widget.destroy();
    wm.destroy();
    expect(document.querySelector('[data-waymark-widget]')).toBeNull();
    expect(errors).toEqual([]);
  });
});
