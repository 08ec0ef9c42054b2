// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, milestone } from './fakeClient';
import { mount, update } from './helpers';
import { sampleClient } from './sample';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('mountWidget', () => {
  it('mounts a launcher in an open shadow root and adds nothing else to the page', () => {
    const before = document.body.childNodes.length;
    const w = mount(sampleClient());
    expect(document.body.childNodes.length).toBe(before + 1);
    expect(w.host()!.shadowRoot).not.toBeNull();
    const launcher = w.$('button.lc')!;
    expect(launcher.getAttribute('aria-label')).toBe('Your progress: 3 of 6 milestones achieved');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(w.$('.wm')!.className).toContain('br');
    // The ring shows 3 of 6: half of a 100-long path is still to draw.
    expect(w.$$('.rg circle')[1].getAttribute('stroke-dashoffset')).toBe('50');
    expect(w.$('[role="dialog"]')).toBeNull();
  });

  it('opens a labelled modal dialog with levels as checklists', () => {
    const w = mount(sampleClient());
    w.open();
    const dialog = w.$('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(w.root().getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Your progress');
    expect(w.text('.lv h3')).toEqual(['Getting started · 2 of 3', 'Power user · 0 of 2', 'Milestones']);
    expect(w.$$('.lv')[0].querySelectorAll('li.ms')).toHaveLength(3);
    expect(w.$('button.lc')!.getAttribute('aria-expanded')).toBe('true');
  });

  it('renders each milestone with a progress bar, count and status', () => {
    const w = mount(sampleClient());
    w.open();
    const item = w.$$('li.ms').find((li) => li.textContent!.includes('Complete 10 tasks'))!;
    const bar = item.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('7');
    expect(bar.getAttribute('aria-valuemax')).toBe('10');
    expect(bar.getAttribute('aria-label')).toBe('Complete 10 tasks');
    expect(item.querySelector('.ct')!.textContent).toBe('7 / 10');
    // Width comes from CSSOM, never from a style attribute in markup.
    expect((bar.firstElementChild as HTMLElement).style.getPropertyValue('--p')).toBe('0.7');
    // No "In progress" under every milestone: the bar and the count say so.
    expect(item.querySelector('.me.s')).toBeNull();
    expect(item.className).toBe('ms active');
  });

  it('words locked, achieved and overdue milestones', () => {
    const w = mount(sampleClient());
    w.open();
    const byTitle = (t: string) => w.$$('li.ms').find((li) => li.querySelector('.tt')!.textContent === t)!;
    expect(byTitle('Automate a workflow').querySelector('.me.s')!.textContent).toBe('Unlocks after: Complete 10 tasks');
    expect(byTitle('Create your first project').querySelector('.me.s')!.textContent).toBe('Achieved Nov 11, 2026');
    const overdue = byTitle('Connect Slack');
    expect(overdue.querySelector('.me.s')!.textContent).toBe('A little behind plan, still well within reach');
    expect(overdue.querySelector('a.btn')!.getAttribute('href')).toBe('https://example.com/integrations/slack');
  });

  it('shows ROI and benchmark lines with Intl formatting', () => {
    const w = mount(sampleClient());
    w.open();
    const lines = w.text('.me');
    expect(lines).toContain('≈ 83 hours saved · $2,490');
    expect(lines).toContain('≈ 1.2 hours saved · $35');
    expect(lines).toContain('Teams like yours reach this by week 3');
  });

  it('shows earned badges in colour and the rest greyed, with names for screen readers', () => {
    const w = mount(sampleClient());
    w.open();
    const badges = w.$$('.bg li');
    expect(badges.map((b) => b.className)).toEqual(['b', 'b', 'b off', 'b off', 'b off']);
    expect(badges[3].querySelector('.sr')!.textContent).toBe('Automator (not earned yet)');
  });

  it('prompts the first unfinished milestone; a click tracks and calls onNext', () => {
    const onNext = vi.fn();
    const wm = sampleClient();
    const w = mount(wm, { onNext });
    w.open();
    expect(w.$('.nx .nt')!.textContent).toBe('Complete 10 tasks');
    const link = w.$<HTMLAnchorElement>('.nx a')!;
    expect(link.getAttribute('href')).toBe('/tasks');
    link.addEventListener('click', (e) => e.preventDefault());
    link.click();
    expect(wm.tracked).toEqual([['waymark_next_step', { milestone: 'ten-tasks' }]]);
    expect(onNext).toHaveBeenCalledWith('ten-tasks', expect.any(Event));
  });

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<b>x</b>',
    'vbscript:x',
  ])('never renders a link for %j', (href) => {
    const w = mount(fakeClient([milestone('a', { next: { label: 'Go', href } })]));
    w.open();
    expect(w.$('.nx a')).toBeNull();
    expect(w.$('.nx')!.textContent).toContain('Go');
  });

  it('keeps http(s) and relative hrefs', () => {
    for (const href of ['https://x.test/a', 'http://x.test/', '/a?b=1', 'next', '#top']) {
      const w = mount(fakeClient([milestone('a', { next: { label: 'Go', href } })]));
      w.open();
      expect(w.$('.nx a')!.getAttribute('href')).toBe(href);
      w.handle.destroy();
    }
  });

  it('follows the client: a change re-renders the launcher and panel', () => {
    const wm = sampleClient();
    const w = mount(wm);
    w.open();
    update(() => wm.achieve('ten-tasks'));
    expect(w.$('button.lc')!.getAttribute('aria-label')).toBe('Your progress: 4 of 6 milestones achieved');
    expect(w.$('.sub')!.textContent).toBe('4 of 6 milestones achieved');
  });

  it('says so when there are no milestones', () => {
    const w = mount(fakeClient());
    w.open();
    expect(w.$('.bd')!.textContent).toBe('Milestones will appear here.');
  });

  it('mounts bottom-left, or inline inside a target', () => {
    const left = mount(fakeClient(), { position: 'bottom-left' });
    expect(left.$('.wm')!.className).toContain('bl');
    left.handle.destroy();
    const target = document.createElement('nav');
    document.body.append(target);
    const inline = mount(fakeClient(), { position: 'inline', target });
    expect(target.querySelector('[data-waymark-widget]')).not.toBeNull();
    expect(inline.$('.wm')!.className).toContain('in');
  });

  it('never throws into the host: a failing client is reported through onError', () => {
    const onError = vi.fn();
    const wm = fakeClient();
    wm.milestones = () => {
      throw new Error('boom');
    };
    const w = mount(wm, { onError });
    expect(onError).toHaveBeenCalledWith({ code: 'widget_error', message: 'boom' });
    expect(() => w.open()).not.toThrow();
    expect(() => act(() => w.handle.destroy())).not.toThrow();
  });
});
