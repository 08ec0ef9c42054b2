// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCelebrations } from '../../widget/createCelebrations';
import { COOLDOWN_MS, GATHER_MS, MERGE_MS, TOAST_MS } from '../../widget/createToastQueue';
import { mountWidget } from '../../widget/index';
import { createState } from '../../widget/state';
import { createFormat } from '../../widget/strings';
import { fakeClient, level, milestone } from './fakeClient';
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
  const wm = fakeClient(Array.from({ length: n }, (_, i) => milestone(`m${i}`, { title: `M${i}` })));
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
    expect(s.live.value).toBe('Milestones achieved: M0, M1, and M2. Up next: M3');
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
    vi
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockImplementation(() => new Proxy({}, { get: () => () => undefined }) as unknown as RenderingContext);

  it('shows the toast with badge and next step, announces it, and draws confetti on its own canvas', async () => {
    stubCanvas();
    const wm = sampleClient();
    const w = mount(wm);
    wm.achieve('connect-slack');
    await settle();
    await act(async () => {
      await vi.dynamicImportSettled();
    });
    expect(w.$('.ts .tt')!.textContent).toBe('Milestone achieved: Connect Slack');
    expect(w.$('.ts .ds')).toBeNull();
    expect(w.$('.ts .i')!.textContent).toBe('🎉');
    // The suggestion is the next unfinished milestone, in level order, with its own call to action.
    expect(w.$('.ts .nt')!.textContent).toBe('Complete 10 tasks');
    expect(w.$('.ts a.btn')!.getAttribute('href')).toBe('/tasks');
    expect(w.$('[aria-live]')!.textContent).toBe('Milestone achieved: Connect Slack. Up next: Complete 10 tasks');
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
      if (setupCase === 'reduced')
        matchMedia.mockImplementation((q) => ({ matches: q.includes('reduce'), media: q }) as MediaQueryList);
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
    const toasts = [...document.querySelectorAll('[data-waymark-widget]')].map(
      (h) => h.shadowRoot!.querySelectorAll('.ts').length,
    );
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

describe('what a celebration suggests next', () => {
  it("is the next unfinished milestone in level order, then definition order, with that milestone's own next", async () => {
    // Defined a, b, c, d; the levels put c first. Achieving a suggests c (and its next), never a's own next.
    const wm = fakeClient(
      [
        milestone('a', {
          title: 'Invite a teammate',
          level: 'team',
          next: { label: 'Invite a teammate', href: '/team' },
        }),
        milestone('b', {
          title: 'Locked one',
          status: 'locked',
          level: 'first',
          next: { label: 'Not yet', href: '/b' },
        }),
        milestone('c', {
          title: 'Create a project',
          level: 'first',
          next: { label: 'Create a project', href: '/projects/new' },
        }),
        milestone('d', { title: 'Outside levels', next: { label: 'D', href: '/d' } }),
        milestone('e', { title: 'Assign a task', level: 'team', next: { label: 'Assign a task', href: '/e' } }),
      ],
      [],
    );
    const get = (id: string) => wm.milestone(id)!;
    wm.set(wm.milestones(), [level('first', [get('b'), get('c')]), level('team', [get('a'), get('e')])]);
    const w = mount(wm, { confetti: false });
    wm.achieve('a');
    await settle();
    expect(w.$('.ts .tt')!.textContent).toBe('Milestone achieved: Invite a teammate');
    expect(w.$('.ts .nt')!.textContent).toBe('Create a project');
    expect(w.$('.ts a.btn')!.textContent).toBe('Create a project');
    expect(w.$('.ts a.btn')!.getAttribute('href')).toBe('/projects/new');
    expect(w.$('.ts')!.textContent).not.toContain('Invite a teammate →');
    expect(w.$$('.ts a').map((a) => a.getAttribute('href'))).toEqual(['/projects/new']);
  });

  it('says "all done" after the last milestone, with no suggestion', async () => {
    const wm = fakeClient([
      milestone('a', { status: 'achieved', ratio: 1, current: 1, achievedAt: 0 }),
      milestone('b', { title: 'Last one' }),
    ]);
    const w = mount(wm, { confetti: false });
    wm.achieve('b');
    await settle();
    expect(w.$('.ts .tt')!.textContent).toBe('Milestone achieved: Last one');
    expect(w.$('.ts .tn')).toBeNull();
    expect(w.$('.ts .ds')!.textContent).toBe("You've achieved every milestone. Nicely done.");
  });

  // The open panel's Progress tab shows "Up next" (or "All done!") itself: the toast beside or above it (on a phone,
  // both on one screen) does not say it a second time. Closed, or on the journey tab, the toast says it again.
  it('is left out of the toast while the open panel shows it, and said again once the panel does not', async () => {
    const wm = sampleClient();
    const w = mount(wm, { confetti: false });
    w.open();
    wm.achieve('connect-slack');
    await settle();
    expect(w.$('.ts .tt')!.textContent).toBe('Milestone achieved: Connect Slack');
    expect(w.text('.pn .nx .nt')).toEqual(['Complete 10 tasks']);
    expect(w.$('.ts .tn')).toBeNull();
    expect(w.text('.ey')).toEqual(['Up next']);
    // What the live region announces is what the toast shows.
    expect(w.$('[aria-live]')!.textContent).toBe('Milestone achieved: Connect Slack');
    act(() => (w.$('#wm-tab-journey') as HTMLElement).click());
    expect(w.text('.ts .tn .nt')).toEqual(['Complete 10 tasks']);
    act(() => (w.$('#wm-tab-progress') as HTMLElement).click());
    expect(w.$('.ts .tn')).toBeNull();
    w.close();
    expect(w.text('.ts .tn .nt')).toEqual(['Complete 10 tasks']);
    // A toast already up when the panel opens drops it too.
    w.open();
    expect(w.$('.ts .tn')).toBeNull();
  });

  it('"all done" is left out of the toast while the open panel says it', async () => {
    const wm = fakeClient([
      milestone('a', { status: 'achieved', ratio: 1, current: 1, achievedAt: 0 }),
      milestone('b', { title: 'Last one' }),
    ]);
    const w = mount(wm, { confetti: false });
    w.open();
    wm.achieve('b');
    await settle();
    expect(w.$('.ts .tt')!.textContent).toBe('Milestone achieved: Last one');
    expect(w.text('.pn .nx .nt')).toEqual(['All done!']);
    expect(w.$('.ts .ds')).toBeNull();
  });
});

describe('level celebrations', () => {
  it('celebrate a completed level once, naming the level and its badge, with confetti', async () => {
    const wm = sampleClient();
    const s = createState(wm);
    const confetti = vi.fn();
    createCelebrations(wm, s, createFormat('en-US'), confetti);
    await settle();
    wm.achieve('ten-tasks');
    await settle();
    expect(s.toast.value.map((a) => a.id)).toEqual(['ten-tasks', 'level:getting-started']);
    expect(s.live.value).toBe(
      'Level complete: Getting started. Milestone achieved: Complete 10 tasks. Badges earned: Productive and Onboarded. Up next: Connect Slack',
    );
    expect(wm.claims).toEqual(['ten-tasks', 'level:getting-started']);
    expect(confetti).toHaveBeenCalledTimes(1);
    // Another mount, or a reload: the claim is taken, so the level is not celebrated again.
    const s2 = createState(wm);
    createCelebrations(wm, s2, createFormat('en-US'), confetti);
    await settle();
    expect(s2.toast.value).toEqual([]);
  });

  it('shows the level in the toast: its title, its badge icon, the milestone and the badges', async () => {
    const wm = sampleClient();
    const w = mount(wm, { confetti: false });
    wm.achieve('ten-tasks');
    await settle();
    expect(w.$('.ts')!.className).toBe('ts lv-done');
    expect(w.$('.ts .tt')!.textContent).toBe('Level complete: Getting started');
    expect(w.text('.ts .ds')).toEqual([
      'Milestone achieved: Complete 10 tasks',
      'Badges earned: Productive and Onboarded',
    ]);
    expect(w.$('.ts .i')!.textContent).toBe('🎓');
    expect(w.$('.ts')!.getAttribute('aria-label')).toBe('Level complete: Getting started');
  });

  it("celebrate a level even when the milestone that completed it is quiet (celebrate: 'none'), with confetti", async () => {
    const ms = [
      milestone('a', { status: 'achieved', ratio: 1, current: 1, achievedAt: 0 }),
      milestone('b', { celebrate: 'none' }),
    ];
    const wm = fakeClient(ms, [level('basics', ms, { title: 'Basics', badge: { name: 'Grounded', icon: '🌱' } })]);
    const s = createState(wm);
    const confetti = vi.fn();
    createCelebrations(wm, s, createFormat('en-US'), confetti);
    await settle();
    wm.achieve('b');
    await settle();
    expect(wm.claims).toEqual(['level:basics']);
    expect(s.live.value).toBe('Level complete: Basics. Badge earned: Grounded');
    expect(confetti).toHaveBeenCalledTimes(1);
  });

  it('celebrate a level completed just before the widget started, once', async () => {
    const now = Date.now();
    const ms = [
      milestone('a', { status: 'achieved', ratio: 1, current: 1, achievedAt: now - 86_400_000 }),
      milestone('b', { status: 'achieved', ratio: 1, current: 1, achievedAt: now - 5000, celebrate: 'none' }),
    ];
    const wm = fakeClient(ms, [level('basics', ms, { title: 'Basics' })]);
    const s = createState(wm);
    createCelebrations(wm, s, createFormat('en-US'), () => {});
    await settle();
    expect(s.toast.value.map((a) => a.id)).toEqual(['level:basics']);
    expect(s.live.value).toBe('Level complete: Basics');
  });
});
