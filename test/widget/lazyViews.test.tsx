// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineElements, mountWidget } from '../../widget/index';
import { loadedViews } from '../../widget/loadViews';
import { sampleClient } from './sample';

// No helpers here: they load the views before each file. This file sees the first load, as a page does.
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the views load after mount (their own chunk in the ESM build)', () => {
  it('a click before they arrive opens the panel when they do, with focus in it; inline elements draw then too', async () => {
    expect(loadedViews()).toBeUndefined();
    const wm = sampleClient();
    act(() => void mountWidget(wm, { locale: 'en-US' }));
    defineElements(wm, { locale: 'en-US' });
    const root = document.querySelector('[data-waymark-widget]')!.shadowRoot!;
    const box = document.createElement('div');
    act(() => {
      box.innerHTML = '<waymark-checklist level="getting-started"></waymark-checklist>';
      document.body.append(box);
    });
    const element = box.firstElementChild!.shadowRoot!;
    // The launcher is there at once; what it opens is not yet.
    act(() => (root.querySelector('button.lc') as HTMLElement).click());
    expect(root.querySelector('button.lc')!.getAttribute('aria-expanded')).toBe('true');
    expect(root.querySelector('[role="dialog"]')).toBeNull();
    expect(element.querySelector('h3')).toBeNull();
    await act(async () => {
      await vi.dynamicImportSettled();
    });
    expect(loadedViews()).toBeDefined();
    expect(root.querySelector('[role="dialog"]')).not.toBeNull();
    expect(root.activeElement).toBe(root.querySelector('[role="dialog"]'));
    expect(element.querySelector('h3')!.textContent).toBe('Getting started · 2 of 3');
    // A mount after the first draws them at once.
    let second!: ReturnType<typeof mountWidget>;
    act(() => {
      second = mountWidget(wm, { locale: 'en-US' });
    });
    act(() => second.open());
    expect(
      document.querySelectorAll('[data-waymark-widget]')[1].shadowRoot!.querySelector('[role="dialog"]'),
    ).not.toBeNull();
  });
});
