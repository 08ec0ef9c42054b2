// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineElements } from '../../widget/index';
import './helpers';
import { fakeClient, milestone } from './fakeClient';

// Its own file: custom elements are registered once per document, and these tests bind them to several clients.
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
  return { el, $: (sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel) };
};
const settle = () => act(async () => void (await Promise.resolve()));

describe('defineElements with a second client', () => {
  it('defineElements(undefined) names the mistake', () => {
    const onError = vi.fn();
    defineElements(undefined as never, { onError });
    expect(onError).toHaveBeenCalledWith({
      code: 'invalid_argument',
      path: 'defineElements',
      message: 'expected a waymark client (from createWaymark), got undefined',
    });
    expect(customElements.get('waymark-progress')).toBeUndefined();
  });

  it('moves the elements to the new client after the first is destroyed: those on the page, and new ones', async () => {
    const a = fakeClient([milestone('tasks', { title: 'Tasks of A', current: 2, target: 10 })]);
    const b = fakeClient([milestone('tasks', { title: 'Tasks of B', current: 7, target: 10 })]);
    defineElements(a, { locale: 'en-US' });
    const onPage = add('<waymark-progress milestone="tasks"></waymark-progress>');
    expect(onPage.$('.tt')!.textContent).toBe('Tasks of A');
    a.destroy();
    act(() => defineElements(b, { locale: 'en-US' }));
    expect(onPage.$('.tt')!.textContent).toBe('Tasks of B');
    expect(onPage.$('.ct')!.textContent).toBe('7 / 10');
    expect(a.counts()).toEqual({ subscribers: 0, listeners: 0 });
    const later = add('<waymark-progress milestone="tasks"></waymark-progress>');
    expect(later.$('.tt')!.textContent).toBe('Tasks of B');
    // The same client again changes nothing: no remount, no extra subscriptions.
    const before = b.counts();
    defineElements(b);
    expect(b.counts()).toEqual(before);
    await settle();
  });

  it("reports an element naming an unknown milestone or level to the client's error listeners, once the client is ready", async () => {
    const c = fakeClient([milestone('tasks'), milestone('invite')]);
    act(() => defineElements(c));
    add('<waymark-progress milestone="taks"></waymark-progress>');
    add('<waymark-checklist level="getting-started"></waymark-checklist>');
    add('<waymark-progress></waymark-progress>');
    add('<waymark-progress milestone="tasks"></waymark-progress>');
    await settle();
    expect(c.reported).toEqual([
      {
        code: 'unknown_milestone',
        path: '<waymark-progress milestone="taks">',
        message: 'no milestone "taks" for this user (not defined, or hidden by its segment); known: tasks, invite',
      },
      {
        code: 'unknown_level',
        path: '<waymark-checklist level="getting-started">',
        message: 'no level "getting-started" for this user (not defined, or hidden by its segment); known: none',
      },
      {
        code: 'unknown_milestone',
        path: '<waymark-progress>',
        message: 'needs a milestone attribute (known: tasks, invite)',
      },
    ]);
  });
});
