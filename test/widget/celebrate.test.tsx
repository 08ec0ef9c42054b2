// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COOLDOWN_MS, createCelebrations, GATHER_MS, MERGE_MS, TOAST_MS } from '../../widget/celebrate';
import { createState } from '../../widget/state';
import { mountWidget } from '../../widget/index';
import { createFormat } from '../../widget/strings';
import { fakeClient, milestone } from './fakeClient';
import { mount } from './helpers';
import { sampleClient } from './sample';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-11-20T10:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

// Claims resolve in microtasks; the gather window is a timer.
const settle = (ms = GATHER_MS) =>
  act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });

const setup = (n = 6) => {
  const wm = fakeClient(Array.from({ length: n }, (_, i) => milestone('m' + i, { title: 'M' + i })));
  const s = createState(wm);
  const confetti = vi.fn();
  const stop = createCelebrations(wm, s, createFormat('en-US'), confetti);
  return { wm, s, confetti, stop };
};

describe('celebrations (unit)', () => {
  it('merges achievements of the same moment into one celebration with one burst', async () => {
    const { wm, s, confetti } = setup();
    wm.achieve('m0');
    wm.achieve('m1');
    wm.achieve('m2');
    await settle();
    expect(s.toast.value.map((m) => m.id)).toEqual(['m0', 'm1', 'm2']);
    expect(s.live.value).toBe('Milestones unlocked: M0, M1, and M2');
    expect(confetti).toHaveBeenCalledTimes(1);
  });

  it('joins a follow-up within the merge window to the toast on screen, without new confetti', async () => {
    const { wm, s, confetti } = setup();
    wm.achieve('m0');
    await settle();
    await settle(MERGE_MS - GATHER_MS - 100);
    wm.achieve('m1');
    await settle();
    expect(s.toast.value.map((m) => m.id)).toEqual(['m0', 'm1']);
    expect(confetti).toHaveBeenCalledTimes(1);
  });

  it('holds confetti back during the cooldown, but still shows the toast', async () => {
    const { wm, s, confetti } = setup();
    wm.achieve('m0');
    await settle();
    await settle(2000);
    wm.achieve('m1');
    await settle();
    expect(s.toast.value.map((m) => m.id)).toEqual(['m1']);
    expect(confetti).toHaveBeenCalledTimes(1);
    await settle(COOLDOWN_MS);
    wm.achieve('m2');
    await settle();
    expect(confetti).toHaveBeenCalledTimes(2);
  });

  it('celebrates each milestone once, as claimCelebration decides', async () => {
    const { wm, s, confetti } = setup();
    await settle(); // the start-up look at recent achievements finds none
    wm.achieve('m0');
    await settle();
    await settle(TOAST_MS);
    expect(s.toast.value).toEqual([]);
    wm.achieve('m0');
    await settle(COOLDOWN_MS);
    expect(wm.claims).toEqual(['m0', 'm0']);
    expect(s.toast.value).toEqual([]);
    expect(confetti).toHaveBeenCalledTimes(1);
  });

  it("honours celebrate 'none' (no claim, nothing shown) and 'toast' (no confetti)", async () => {
    const wm = fakeClient([milestone('quiet', { celebrate: 'none' }), milestone('calm', { celebrate: 'toast' })]);
    const s = createState(wm);
    const confetti = vi.fn();
    createCelebrations(wm, s, createFormat('en-US'), confetti);
    wm.achieve('quiet');
    await settle();
    expect(wm.claims).toEqual([]);
    expect(s.toast.value).toEqual([]);
    wm.achieve('calm');
    await settle();
    expect(s.toast.value.map((m) => m.id)).toEqual(['calm']);
    expect(confetti).not.toHaveBeenCalled();
  });

  it('hides the toast after a while and stops cleanly', async () => {
    const { wm, s, stop } = setup();
    wm.achieve('m0');
    await settle();
    await settle(TOAST_MS);
    expect(s.toast.value).toEqual([]);
    wm.achieve('m1');
    stop();
    await settle();
    expect(s.toast.value).toEqual([]);
    expect(wm.counts().listeners).toBe(0);
  });
});

describe('celebrations in the mounted widget', () => {
  const stubCanvas = () =>
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
      () => new Proxy({}, { get: () => () => undefined }) as unknown as RenderingContext,
    );

  it('shows the toast with badge and next step, announces it, and draws confetti on its own canvas', async () => {
    stubCanvas();
    const wm = sampleClient();
    const w = mount(wm);
    wm.achieve('ten-tasks');
    await settle();
    await act(async () => {
      await vi.dynamicImportSettled();
    });
    expect(w.$('.ts .tt')!.textContent).toBe('Milestone unlocked: Complete 10 tasks');
    expect(w.$('.ts .ds')!.textContent).toBe('Badge earned: Productive');
    expect(w.$('.ts .i')!.textContent).toBe('🏅');
    expect(w.$('.ts a.btn')!.getAttribute('href')).toBe('/automations/new');
    expect(w.$('[aria-live]')!.textContent).toBe('Milestone unlocked: Complete 10 tasks. Badge earned: Productive');
    expect(w.$$('canvas.cf')).toHaveLength(1);
    act(() => w.$('.ts button.x')!.click());
    expect(w.$('.ts')).toBeNull();
    act(() => w.handle.destroy());
    expect(document.querySelector('canvas')).toBeNull();
  });

  it('draws no confetti with confetti: false or under prefers-reduced-motion, but still shows the toast', async () => {
    stubCanvas();
    for (const setupCase of [{ confetti: false }, 'reduced'] as const) {
      const matchMedia = vi.spyOn(window, 'matchMedia');
      if (setupCase === 'reduced') matchMedia.mockImplementation((q) => ({ matches: q.includes('reduce'), media: q }) as MediaQueryList);
      const wm = sampleClient();
      const w = mount(wm, typeof setupCase === 'object' ? setupCase : {});
      wm.achieve('ten-tasks');
      await settle();
      await act(async () => {
      await vi.dynamicImportSettled();
    });
      expect(w.$('.ts')).not.toBeNull();
      expect(w.$$('canvas')).toHaveLength(0);
      w.handle.destroy();
      matchMedia.mockRestore();
    }
  });

  it('celebrates once across two widgets on the same client', async () => {
    const wm = sampleClient();
    const a = mount(wm, { confetti: false });
    mountAnother(wm);
    wm.achieve('ten-tasks');
    await settle();
    const toasts = [...document.querySelectorAll('[data-waymark-widget]')].map((h) => h.shadowRoot!.querySelectorAll('.ts').length);
    expect(toasts.sort()).toEqual([0, 1]);
    expect(a.host()).not.toBeNull();
  });
});

const mountAnother = (wm: ReturnType<typeof sampleClient>) => act(() => void mountWidget(wm, { confetti: false }));

describe('achievements made before the widget started', () => {
  it('are celebrated when recent, once, and not when they are from an earlier visit', async () => {
    const now = Date.now();
    const wm = fakeClient([
      milestone('recent', { title: 'Recent', status: 'achieved', ratio: 1, achievedAt: now - 5_000 }),
      milestone('old', { title: 'Old', status: 'achieved', ratio: 1, achievedAt: now - 86_400_000 }),
      milestone('open', { title: 'Open' }),
    ]);
    const s = createState(wm);
    const confetti = vi.fn();
    createCelebrations(wm, s, createFormat('en-US'), confetti);
    await settle();
    expect(s.toast.value.map((m) => m.id)).toEqual(['recent']);
    expect(confetti).toHaveBeenCalledTimes(1);
    // A second widget (another mount, or a reload) does not celebrate it again: the claim is taken.
    const s2 = createState(wm);
    createCelebrations(wm, s2, createFormat('en-US'), confetti);
    await settle();
    expect(s2.toast.value).toEqual([]);
  });
});
