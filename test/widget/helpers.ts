import { act } from 'preact/test-utils';
import { beforeAll, vi } from 'vitest';
import type { Waymark } from '../../src/types';
import type { WidgetOptions } from '../../widget/index';
import { mountWidget } from '../../widget/index';
import { loadWidgetViews } from './loadWidgetViews';

// Every test file that mounts through these helpers loads the widget's views (the import() chunk) first, so mounts
// draw them at once, as they do once a page has loaded them; test/widget/lazyViews.test.tsx covers the wait itself.
beforeAll(loadWidgetViews);

/** Mounts through the public entry and returns the handle plus shadow-root queries. */
export const mount = (wm: Waymark, options: WidgetOptions = {}) => {
  let handle!: ReturnType<typeof mountWidget>;
  act(() => {
    handle = mountWidget(wm, { locale: 'en-US', ...options });
  });
  const host = () => document.querySelector('[data-waymark-widget]') as HTMLElement | null;
  const root = () => host()!.shadowRoot!;
  const $ = <T extends Element = HTMLElement>(sel: string) => root().querySelector<T>(sel);
  const $$ = <T extends Element = HTMLElement>(sel: string) => [...root().querySelectorAll<T>(sel)];
  const text = (sel: string) => $$(sel).map((e) => e.textContent?.trim());
  return {
    handle,
    host,
    root,
    $,
    $$,
    text,
    open: () => act(() => handle.open()),
    close: () => act(() => handle.close()),
  };
};

/** Runs a state change and flushes Preact's render queue. */
export const update = (fn: () => void) => act(fn);

/** Makes `new CSSStyleSheet()` throw, as in engines without constructable stylesheets; undo with `vi.unstubAllGlobals()`. */
export const withoutConstructableSheets = () =>
  vi.stubGlobal(
    'CSSStyleSheet',
    class {
      constructor() {
        throw new TypeError('Illegal constructor');
      }
    },
  );
