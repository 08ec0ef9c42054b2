// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mount } from './helpers';
import { sampleClient } from './sample';

afterEach(() => {
  document.body.innerHTML = '';
});

const key = (el: Element, k: string, shiftKey = false) =>
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, composed: true }));
  });

describe('keyboard and focus', () => {
  it('moves focus into the dialog when the launcher opens it', () => {
    const w = mount(sampleClient());
    act(() => w.$('button.lc')!.click());
    expect(w.root().activeElement).toBe(w.$('[role="dialog"]'));
  });

  it('closes on Escape and returns focus to the launcher', () => {
    const w = mount(sampleClient());
    act(() => w.$('button.lc')!.click());
    w.$<HTMLButtonElement>('button.x')!.focus();
    key(w.root().activeElement!, 'Escape');
    expect(w.$('[role="dialog"]')).toBeNull();
    expect(w.root().activeElement).toBe(w.$('button.lc'));
  });

  it('closes from the close button and returns focus to the launcher', () => {
    const w = mount(sampleClient());
    w.open();
    act(() => w.$('button.x')!.click());
    expect(w.$('[role="dialog"]')).toBeNull();
    expect(w.root().activeElement).toBe(w.$('button.lc'));
  });

  it('keeps Tab inside the open dialog', () => {
    const w = mount(sampleClient());
    w.open();
    // What Tab reaches: links, buttons and the tab panel, but not the tab that is not selected (arrows reach it).
    const focusables = w.$$('[role="dialog"] :is(a[href], button:not([tabindex="-1"]), [tabindex="0"])');
    const first = focusables[0];
    const last = focusables[focusables.length - 1];
    expect(first.className).toBe('x');
    last.focus();
    key(last, 'Tab');
    expect(w.root().activeElement).toBe(first);
    key(first, 'Tab', true);
    expect(w.root().activeElement).toBe(last);
  });

  it('closes on a pointerdown outside, and stops listening once closed', () => {
    const w = mount(sampleClient());
    w.open();
    act(() => void w.$('[role="dialog"]')!.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true })));
    expect(w.$('[role="dialog"]')).not.toBeNull();
    act(() => void document.body.dispatchEvent(new Event('pointerdown', { bubbles: true })));
    expect(w.$('[role="dialog"]')).toBeNull();
  });

  it('uses an aria-live region for announcements from the start', () => {
    const w = mount(sampleClient());
    const live = w.$('[aria-live]')!;
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('');
  });
});
