// @vitest-environment happy-dom
// The script-tag build's launcher (widget/script/mountInto.ts): drawn without Preact, handing over to the Preact
// widget of waymark.ui.js when needed. Here `loadUi` resolves with the real module (widget/script/ui.ts); Chromium
// loads the real file (test/browser/global.test.ts).
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GATHER_MS, RECENT_MS } from '../../widget/celebrate';
import { mountInto as fullMountInto } from '../../widget/mountInto';
import type { WidgetOptions } from '../../widget/types';
import * as ui from '../../widget/script/ui';
import { fakeClient, milestone } from './fakeClient';
import { withoutConstructableSheets } from './helpers';
import { sampleClient } from './sample';

const loadUi = vi.fn<() => Promise<typeof ui>>();
vi.mock('../../widget/script/loadUi', () => ({ loadUi: () => loadUi() }));
const { mountInto } = await import('../../widget/script/mountInto');
const { mountElement } = await import('../../widget/script/mountElement');

/** A promise the test settles by hand: the file "arrives" when the test says so. */
const deferred = () => {
  let resolve!: (v: typeof ui) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<typeof ui>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve: () => act(async () => resolve(ui)), reject: (e: unknown) => act(async () => reject(e)) };
};

const host = () => {
  const el = document.createElement('div');
  document.body.append(el);
  return { el, root: el.attachShadow({ mode: 'open' }) };
};

const flush = () => act(async () => {});

const mountShell = (wm = sampleClient() as ReturnType<typeof fakeClient>, o: WidgetOptions = {}) => {
  const h = host();
  let handle!: ReturnType<typeof mountInto>;
  act(() => void (handle = mountInto(h.root, h.el, wm, { locale: 'en-US', ...o })));
  const $ = <T extends Element = HTMLElement>(sel: string) => h.root.querySelector<T>(sel);
  return { ...h, wm, handle, $, $$: (sel: string) => [...h.root.querySelectorAll<HTMLElement>(sel)] };
};

beforeEach(() => {
  loadUi.mockReset();
  loadUi.mockImplementation(async () => ui);
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('the script tag launcher', () => {
  it.each<WidgetOptions>([{}, { position: 'bottom-left', theme: { accent: '#0f766e', colorScheme: 'dark' } }, { position: 'inline' }])(
    'draws the same markup as the Preact launcher (%o) without loading the widget',
    async (o) => {
      const wm = sampleClient();
      const shell = mountShell(wm, o);
      const full = host();
      act(() => void fullMountInto(full.root, full.el, wm, { locale: 'en-US', ...o }));
      await flush();
      expect(shell.$('.wm')!.outerHTML).toBe(full.root.querySelector('.wm')!.outerHTML);
      expect(shell.$('button.lc')!.getAttribute('aria-label')).toBe('Your progress: 3 of 6 milestones achieved');
      expect(loadUi).not.toHaveBeenCalled();
    },
  );

  it('follows progress on its ring and label', () => {
    const wm = fakeClient([milestone('a'), milestone('b'), milestone('c'), milestone('d')]);
    const s = mountShell(wm);
    expect(s.$$('.rg circle')[1].getAttribute('stroke-dashoffset')).toBe('100');
    wm.achieve('a');
    expect(s.$$('.rg circle')[1].getAttribute('stroke-dashoffset')).toBe('75');
    expect(s.$('button.lc')!.getAttribute('aria-label')).toBe('Your progress: 1 of 4 milestones achieved');
  });

  it('starts the download on hover or focus, and hands over only when clicked', async () => {
    const file = deferred();
    loadUi.mockReturnValue(file.promise);
    const s = mountShell();
    const button = s.$('button.lc')!;
    button.dispatchEvent(new Event('pointerenter'));
    button.focus();
    expect(loadUi).toHaveBeenCalledTimes(2);
    await file.resolve();
    expect(s.$('button.lc')).toBe(button);
    expect(s.$('[role="dialog"]')).toBeNull();
    button.click();
    await flush();
    expect(s.$$('button.lc')).toHaveLength(1);
    expect(s.$('button.lc')).not.toBe(button);
    const dialog = s.$('[role="dialog"]')!;
    expect(s.root.activeElement).toBe(dialog);
    // The whole stylesheet now, instead of the launcher's.
    expect(s.root.adoptedStyleSheets).toHaveLength(1);
    expect([...s.root.adoptedStyleSheets[0].cssRules].some((r) => r.cssText.startsWith('.pn'))).toBe(true);
    // From here on it is the Preact widget: Escape closes and focuses its launcher.
    act(() => void dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(s.$('[role="dialog"]')).toBeNull();
    expect(s.root.activeElement).toBe(s.$('button.lc'));
  });

  it('opens the panel once the file arrives when clicked before, and open()/close() wait for it too', async () => {
    let file = deferred();
    loadUi.mockImplementation(() => file.promise);
    const s = mountShell();
    s.$('button.lc')!.click();
    expect(s.$('[role="dialog"]')).toBeNull();
    await file.resolve();
    expect(s.$('[role="dialog"]')).not.toBeNull();

    file = deferred();
    const t = mountShell(undefined, { position: 'inline', target: document.body });
    t.handle.open();
    t.handle.close();
    await file.resolve();
    expect(t.$('[role="dialog"]')).toBeNull();
    expect(t.$$('button.lc')).toHaveLength(1);
  });

  it('keeps focus on the launcher when the widget takes over while it is focused', async () => {
    const wm = fakeClient([milestone('a')]);
    const s = mountShell(wm);
    s.$('button.lc')!.focus();
    wm.achieve('a');
    await flush();
    expect(s.root.activeElement).toBe(s.$('button.lc'));
    expect(s.$('button.lc')!.getAttribute('aria-label')).toBe('Your progress: 1 of 1 milestones achieved');
  });

  it('hands over on an achievement, and the widget celebrates it once', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-20T10:00:00Z') });
    const wm = fakeClient([milestone('a', { title: 'First project' }), milestone('b')]);
    const s = mountShell(wm);
    wm.achieve('a');
    await act(async () => void (await vi.advanceTimersByTimeAsync(GATHER_MS)));
    expect(loadUi).toHaveBeenCalledTimes(1);
    expect(s.$('.ts .tt')!.textContent).toBe('Milestone unlocked: First project');
    expect(s.$('.sr')!.textContent).toBe('Milestone unlocked: First project');
    expect(wm.claims).toEqual(['a']);
  });

  it('loads nothing for an achievement that is not celebrated, or for old achievements at start', async () => {
    const now = Date.now();
    const wm = fakeClient([milestone('quiet', { celebrate: 'none' }), milestone('old', { status: 'achieved', achievedAt: now - RECENT_MS - 1000 })]);
    mountShell(wm);
    wm.achieve('quiet');
    await flush();
    expect(loadUi).not.toHaveBeenCalled();
  });

  it('hands over at start for an achievement just before the page loaded (the widget then celebrates it)', async () => {
    const wm = fakeClient([milestone('new', { status: 'achieved', achievedAt: Date.now() - 5000, title: 'New' })]);
    const s = mountShell(wm);
    await flush();
    expect(loadUi).toHaveBeenCalledTimes(1);
    await act(() => new Promise((r) => setTimeout(r, GATHER_MS + 20)));
    expect(s.$('.ts .tt')!.textContent).toBe('Milestone unlocked: New');
  });

  it('reports a file that fails to load, keeps the launcher, and tries again on the next click', async () => {
    const onError = vi.fn();
    loadUi.mockRejectedValueOnce({ code: 'widget_unavailable', message: 'the widget could not load (could not load x); progress is still tracked' });
    const s = mountShell(undefined, { onError });
    s.$('button.lc')!.click();
    await flush();
    expect(onError).toHaveBeenCalledWith({ code: 'widget_unavailable', message: expect.stringContaining('could not load x') });
    expect(s.$('button.lc')).not.toBeNull();
    s.$('button.lc')!.click();
    await flush();
    expect(loadUi).toHaveBeenCalledTimes(2);
    expect(s.$('[role="dialog"]')).not.toBeNull();
  });

  it('destroy() before the file arrives leaves nothing behind: no DOM, no listeners, no late mount', async () => {
    const file = deferred();
    loadUi.mockReturnValue(file.promise);
    const wm = fakeClient([milestone('a')]);
    const before = wm.counts();
    const s = mountShell(wm);
    s.$('button.lc')!.click();
    s.handle.destroy();
    await file.resolve();
    expect(s.root.children).toHaveLength(0);
    expect(wm.counts()).toEqual(before);
  });

  it('without constructable stylesheets: a <style> for the launcher, replaced by the whole sheet on hand-over', async () => {
    withoutConstructableSheets();
    try {
      // Fresh modules: the sheets made by earlier tests are cached.
      vi.resetModules();
      const { launcherCss, panelCss } = await import('../../widget/styles');
      const freshUi = await import('../../widget/script/ui');
      loadUi.mockResolvedValue(freshUi);
      const fresh = await import('../../widget/script/mountInto');
      const h = host();
      const handle = fresh.mountInto(h.root, h.el, sampleClient(), { nonce: 'n0nce' });
      const styles = () => [...h.root.querySelectorAll('style')].map((e) => [e.textContent, e.nonce]);
      expect(styles()).toEqual([[launcherCss, 'n0nce']]);
      handle.open();
      await flush();
      expect(h.root.querySelector('[role="dialog"]')).not.toBeNull();
      expect(styles()).toEqual([[launcherCss + panelCss, 'n0nce']]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('destroy() after the hand-over tears the widget down too', async () => {
    const wm = fakeClient([milestone('a')]);
    const before = wm.counts();
    const s = mountShell(wm);
    s.handle.open();
    await flush();
    expect(s.$('[role="dialog"]')).not.toBeNull();
    act(() => s.handle.destroy());
    expect(s.root.children).toHaveLength(0);
    expect(wm.counts()).toEqual(before);
  });
});

describe('the script tag inline elements', () => {
  it('render once the file arrives, with the attribute they have by then', async () => {
    const file = deferred();
    loadUi.mockReturnValue(file.promise);
    const h = host();
    const m = mountElement(h.root, h.el, 'waymark-progress', sampleClient(), { locale: 'en-US' });
    m.key('first-project');
    m.key('ten-tasks');
    expect(h.root.children).toHaveLength(0);
    await file.resolve();
    expect(h.root.querySelector('.tt')!.textContent).toBe('Complete 10 tasks');
    act(() => m.key('first-project'));
    expect(h.root.querySelector('.tt')!.textContent).toBe('Create your first project');
  });

  it('never render when removed before the file arrives', async () => {
    const file = deferred();
    loadUi.mockReturnValue(file.promise);
    const h = host();
    const m = mountElement(h.root, h.el, 'waymark-badges', sampleClient(), {});
    m.off();
    await file.resolve();
    expect(h.root.children).toHaveLength(0);
  });
});
