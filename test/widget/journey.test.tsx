// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { de } from '../../widget/locales/index';
import { fakeClient, milestone } from './fakeClient';
import { mount, update } from './helpers';
import { sampleClient } from './sample';

afterEach(() => {
  document.body.innerHTML = '';
});

const key = (el: Element, k: string) =>
  act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true })));
const openJourney = (w: ReturnType<typeof mount>) => {
  w.open();
  act(() => w.$<HTMLButtonElement>('#wm-tab-journey')!.click());
};

describe('"Your journey" in the panel', () => {
  it('is a tab beside Progress, with the roles and keys of tabs', () => {
    const w = mount(sampleClient());
    w.open();
    const tabs = w.$$('[role="tablist"] [role="tab"]');
    expect(tabs.map((t) => [t.textContent, t.getAttribute('aria-selected'), t.getAttribute('tabindex')])).toEqual([
      ['Progress', 'true', '0'],
      ['Your journey', 'false', '-1'],
    ]);
    expect(w.$('[role="tabpanel"]')!.getAttribute('aria-labelledby')).toBe('wm-tab-progress');
    tabs[0].focus();
    key(tabs[0], 'ArrowRight');
    expect(w.$('#wm-tab-journey')!.getAttribute('aria-selected')).toBe('true');
    expect(w.root().activeElement).toBe(w.$('#wm-tab-journey'));
    expect(w.$('[role="tabpanel"]')!.getAttribute('aria-labelledby')).toBe('wm-tab-journey');
    expect(w.$('.jr')).not.toBeNull();
    key(w.$('#wm-tab-journey')!, 'Home');
    expect(w.$('.jr')).toBeNull();
    expect(w.$('.lv')).not.toBeNull();
  });

  it('shows the time saved since the start, then what was achieved, newest first, with the day', () => {
    const w = mount(sampleClient());
    openJourney(w);
    // 70 minutes ($35) on "Complete 10 tasks" and 4,980 minutes ($2,490) on "Save 80 hours of busywork".
    expect(w.$('.jt')!.textContent).toBe('Since you started: ≈ 84 hours saved · $2,525');
    expect(w.text('.tl .tt')).toEqual(['Save 80 hours of busywork', 'Invite a teammate', 'Create your first project']);
    expect(w.text('.tl time')).toEqual(['Nov 19, 2026', 'Nov 14, 2026', 'Nov 11, 2026']);
    expect(w.$$('.tl time')[0].getAttribute('datetime')).toBe('2026-11-19T10:00:00.000Z');
    expect(w.text('.tl .dot')).toEqual(['', '🤝', '🚀']);
  });

  it('puts a completed level on the timeline, above the milestone that completed it', () => {
    const wm = sampleClient();
    const w = mount(wm, { confetti: false });
    openJourney(w);
    update(() => wm.achieve('ten-tasks', Date.parse('2026-11-20T10:00:00Z')));
    expect(w.text('.tl .tt').slice(0, 2)).toEqual(['Getting started', 'Complete 10 tasks']);
    expect(w.$('.tl li')!.className).toBe('te lvl');
    expect(w.$('.tl li .ds')!.textContent).toBe('Level complete · Onboarded');
  });

  it('says what will appear there before anything is achieved, and shows no total without savings', () => {
    const w = mount(fakeClient([milestone('a')]));
    openJourney(w);
    expect(w.$('.jt')).toBeNull();
    expect(w.$('.jr .me')!.textContent).toBe('What you achieve will appear here, with the day you did it.');
  });

  it('in German', () => {
    const w = mount(sampleClient(), { locale: 'de', strings: de });
    openJourney(w);
    expect(w.$('#wm-tab-journey')!.textContent).toBe('Dein Weg');
    expect(w.$('.jt')!.textContent).toBe('Seit deinem Start: ≈ 84 Stunden gespart · 2.525\u00a0$');
    expect(w.text('.tl time')[0]).toBe('19.11.2026');
  });
});

describe('roiTotal', () => {
  it('adds time always, and money only when every priced milestone uses one currency', async () => {
    const { roiTotal } = await import('../../widget/roiTotal');
    const v = (minutesSaved: number, moneySaved?: number, currency?: string) =>
      milestone(`m${minutesSaved}`, { value: { units: 1, minutesSaved, moneySaved, currency } });
    expect(roiTotal([v(60, 30, 'USD'), v(120, 60, 'USD'), v(30)])).toEqual({
      minutes: 210,
      money: 90,
      currency: 'USD',
    });
    expect(roiTotal([v(60, 30, 'USD'), v(120, 50, 'EUR')])).toEqual({ minutes: 180 });
    expect(roiTotal([v(0), milestone('none')])).toBeUndefined();
  });
});
