// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, level, milestone } from './fakeClient';
import { mount, update } from './helpers';
import { sampleClient } from './sample';

afterEach(() => {
  document.body.innerHTML = '';
});

const item = (w: ReturnType<typeof mount>, title: string) =>
  w.$$('li.ms').find((li) => li.querySelector('.tt')!.textContent === title)!;

describe('the panel, in words', () => {
  it('shows "All done!" instead of "Up next" once every milestone is achieved', () => {
    const wm = fakeClient([milestone('a', { next: { label: 'Do A', href: '/a' } }), milestone('b')]);
    const w = mount(wm);
    w.open();
    expect(w.$('.nx .ey')!.textContent).toBe('Up next');
    update(() => {
      wm.achieve('a');
      wm.achieve('b');
    });
    expect(w.$('.nx .ey')).toBeNull();
    expect(w.$('.nx.dn .nt')!.textContent).toBe('All done!');
    expect(w.$('.nx.dn .ds')!.textContent).toBe("You've achieved every milestone. Nicely done.");
  });

  it('shows no "Up next" box when only locked milestones are left', () => {
    const w = mount(
      fakeClient([
        milestone('a', { status: 'achieved', ratio: 1, current: 1 }),
        milestone('b', { status: 'locked', lockedBy: ['x'] }),
      ]),
    );
    w.open();
    expect(w.$('.nx')).toBeNull();
  });

  it('prompts in level order: the first level with something to do, before milestones outside levels', () => {
    const ms = [milestone('outside', { title: 'Outside' }), milestone('in-level', { title: 'In a level', level: 'l' })];
    const w = mount(fakeClient(ms, [level('l', [ms[1]])]));
    w.open();
    expect(w.$('.nx .nt')!.textContent).toBe('In a level');
  });

  it('shows a milestone achieved elsewhere as complete: full count and bar, even when the state says 0 of 1', () => {
    // What a client showed for an achievement pulled from the backend: status achieved, current 0.
    const w = mount(
      fakeClient([
        milestone('remote', {
          title: 'Remote',
          status: 'achieved',
          current: 0,
          target: 1,
          ratio: 0,
          achievedAt: Date.UTC(2026, 10, 1),
        }),
      ]),
    );
    w.open();
    const li = item(w, 'Remote');
    expect(li.querySelector('.ct')!.textContent).toBe('1 / 1');
    const bar = li.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('1');
    expect(bar.getAttribute('aria-valuetext')).toBe('1 / 1');
    expect((bar.firstElementChild as HTMLElement).style.getPropertyValue('--p')).toBe('1');
  });

  it('compares only where it is true and kind: typical time while unfinished, percentile once achieved and ahead', () => {
    const benchmark = { typicalDays: 21, percentile: 80 };
    const wm = fakeClient([
      milestone('open', { title: 'Open', current: 0, target: 10, benchmark }),
      milestone('done', { title: 'Done', status: 'achieved', current: 10, target: 10, ratio: 1, benchmark }),
      milestone('slow', { title: 'Slow', status: 'achieved', current: 1, ratio: 1, benchmark: { percentile: 30 } }),
    ]);
    const w = mount(wm);
    w.open();
    const lines = (title: string) => [...item(w, title).querySelectorAll('.me')].map((p) => p.textContent);
    expect(lines('Open')).toEqual(['Teams like yours reach this by week 3']);
    expect(lines('Done')).toContain('You got here faster than 80% of teams');
    expect(lines('Done')).not.toContain('Teams like yours reach this by week 3');
    expect(lines('Slow').join(' ')).not.toMatch(/faster than|teams/);
  });

  it('words the launcher and the summary with plural forms', () => {
    const w = mount(fakeClient([milestone('only', { status: 'achieved', ratio: 1, current: 1 })]));
    w.open();
    expect(w.$('button.lc')!.getAttribute('aria-label')).toBe('Your progress: 1 of 1 milestone achieved');
    expect(w.$('.sub')!.textContent).toBe('1 of 1 milestone achieved');
    w.handle.destroy();
    const many = mount(sampleClient());
    expect(many.$('button.lc')!.getAttribute('aria-label')).toBe('Your progress: 3 of 6 milestones achieved');
  });
});
