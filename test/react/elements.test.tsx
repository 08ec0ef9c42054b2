// @vitest-environment happy-dom
/** @jsxImportSource react */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { App } from '../../examples/react/App';
import { levels, milestones } from '../../examples/react/milestones';
import { createWaymark, type Waymark } from '../../src/index';
import { defineElements } from '../../widget/index';
import { loadWidgetViews } from '../widget/loadWidgetViews';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Custom elements are registered once per document and stay bound to the first client: one client for this file.
let wm: Waymark;
let root: Root;
let host: HTMLElement;
const consoleError = vi.spyOn(console, 'error');
const errors: unknown[] = [];

beforeAll(async () => {
  wm = createWaymark({ projectKey: 'pk_react_el', storage: 'memory', milestones, levels });
  wm.on('error', (e) => errors.push(e));
  defineElements(wm, { onError: (e) => errors.push(e) });
  await wm.ready;
  // The elements' bodies come with the widget's views, a chunk loaded after the first mount: loaded first here.
  await loadWidgetViews();
  host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
});
afterAll(() => {
  wm.destroy();
  consoleError.mockRestore();
});

const shadow = (selector: string) => host.querySelector(selector)!.shadowRoot!;
const bars = (selector: string) =>
  [...shadow(selector).querySelectorAll('[role="progressbar"]')].map(
    (b) => `${b.getAttribute('aria-label')} ${b.getAttribute('aria-valuenow')}/${b.getAttribute('aria-valuemax')}`,
  );
const track = (event: string, times = 1) =>
  act(async () => {
    for (let i = 0; i < times; i++) wm.track(event);
  });

it('renders the custom elements inside a React tree, with their shadow roots', async () => {
  await act(() => root.render(<App wm={wm} />));
  expect(customElements.get('waymark-progress')).toBeDefined();
  const progress = host.querySelector('waymark-progress')!;
  expect(progress.getAttribute('milestone')).toBe('ten-tasks');
  expect(progress.shadowRoot?.mode).toBe('open');
  expect(bars('waymark-progress')).toEqual(['Complete 10 tasks 0/10']);
  expect(shadow('waymark-checklist').textContent).toContain('Getting started');
  expect(bars('waymark-checklist')).toHaveLength(3);
});

it('updates the elements and the React components together on track()', async () => {
  await track('task_completed', 4);
  expect(bars('waymark-progress')).toEqual(['Complete 10 tasks 4/10']);
  expect(host.querySelector('[data-testid="ten-tasks"]')!.textContent).toBe('4 / 10');
  await track('project_created');
  expect(shadow('waymark-checklist').textContent).toContain('1 of 3');
  expect(host.querySelector('[data-testid="level-getting-started"]')!.textContent).toBe('Getting started: 1 / 3');
});

it('follows attribute changes made by React, and cleans up on unmount', async () => {
  const Single = ({ id }: { id: string }) => <waymark-progress milestone={id} />;
  await act(() => root.render(<Single id="ten-tasks" />));
  expect(bars('waymark-progress')).toEqual(['Complete 10 tasks 4/10']);
  await act(() => root.render(<Single id="five-tasks" />));
  expect(bars('waymark-progress')).toEqual(['Add 5 tasks 4/5']);
  const el = host.querySelector('waymark-progress')!;
  act(() => root.unmount());
  expect(el.isConnected).toBe(false);
  expect(el.shadowRoot!.querySelector('[role="progressbar"]')).toBeNull();
  // The element rendered nothing more after it was removed: its subscription ended with it.
  const before = el.shadowRoot!.innerHTML;
  await track('task_completed');
  expect(el.shadowRoot!.innerHTML).toBe(before);
  expect(errors).toEqual([]);
  expect(consoleError).not.toHaveBeenCalled();
});
