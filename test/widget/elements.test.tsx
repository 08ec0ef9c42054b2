// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defineElements } from '../../widget/index';
import './helpers';
import { sampleClient } from './sample';

const wm = sampleClient();
beforeAll(() => defineElements(wm, { locale: 'en-US' }));
afterEach(() => {
  document.body.innerHTML = '';
});

const add = (html: string) => {
  const box = document.createElement('div');
  act(() => {
    box.innerHTML = html;
    document.body.append(box);
  });
  const el = box.firstElementChild as HTMLElement;
  return {
    el,
    $: (sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel),
    $$: (sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)],
  };
};

describe('custom elements', () => {
  it('registers the four elements', () => {
    for (const name of ['waymark-progress', 'waymark-checklist', 'waymark-badges', 'waymark-launcher'])
      expect(customElements.get(name)).toBeDefined();
    expect(() => defineElements(wm)).not.toThrow();
  });

  it('<waymark-progress> renders one milestone in an open shadow root and follows its attribute', () => {
    const { el, $ } = add('<waymark-progress milestone="ten-tasks"></waymark-progress>');
    expect(el.shadowRoot!.adoptedStyleSheets).toHaveLength(2); // the launcher's and the views' (shared by every mount);
    expect($('[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('7');
    expect($('.tt')!.textContent).toBe('Complete 10 tasks');
    act(() => el.setAttribute('milestone', 'automate'));
    expect($('.tt')!.textContent).toBe('Automate a workflow');
    act(() => el.setAttribute('milestone', 'nope'));
    expect($('.wm')).toBeNull();
  });

  it('<waymark-checklist> renders a level as a list with its heading', () => {
    const { $, $$ } = add('<waymark-checklist level="getting-started"></waymark-checklist>');
    expect($('h3')!.textContent).toBe('Getting started · 2 of 3');
    expect($$('ul > li')).toHaveLength(3);
  });

  it('<waymark-badges> shows earned and greyed badges', () => {
    const { $$ } = add('<waymark-badges></waymark-badges>');
    expect($$('.bg li.off')).toHaveLength(3);
    expect($$('.bg li:not(.off)')).toHaveLength(2);
  });

  it('<waymark-launcher> is an inline launcher whose panel opens from it', () => {
    const { $ } = add('<waymark-launcher></waymark-launcher>');
    expect($('.wm')!.className).toContain('in');
    act(() => $('button.lc')!.click());
    expect($('[role="dialog"]')).not.toBeNull();
  });

  it('re-renders on client changes and unsubscribes when removed', () => {
    const before = wm.counts();
    const { el, $ } = add(
      '<waymark-checklist level="getting-started"></waymark-checklist><waymark-launcher></waymark-launcher>',
    );
    expect(wm.counts().subscribers).toBe(before.subscribers + 2);
    act(() => wm.achieve('ten-tasks'));
    expect($('h3')!.textContent).toBe('Getting started · 3 of 3');
    act(() => el.parentElement!.remove());
    expect(wm.counts()).toEqual(before);
    // Reconnecting renders again, without piling up stylesheets.
    act(() => document.body.append(el));
    expect($('h3')!.textContent).toBe('Getting started · 3 of 3');
    expect(el.shadowRoot!.adoptedStyleSheets).toHaveLength(2);
  });
});
