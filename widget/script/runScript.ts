// The script tag's program: the core, the sync, the Preact widget and canvas-confetti in one self-contained file;
// nothing is loaded from beside it. Running it replaces the stub's `window.waymark` (`{ q: [...] }`) with the real API
// and replays the queued calls. Each script-tag file is an entry that calls it (global.ts in English, global.de.ts
// and the others with one string set each).
import { createWaymark } from '../../src/index';
import type { LevelDefinition, MilestoneDefinition, Waymark, WaymarkOptions } from 'waymark';
import { defineElements } from '../defineElements';
import { mountWidget } from '../mountWidget';
import type { WidgetHandle } from '../types';
import { ownScript } from './ownScript';
import { type InitOptions, readScriptOptions, type ScriptOptions } from './readScriptOptions';
import type { CarriedLocale } from './stringsFor';

export type { InitOptions } from './readScriptOptions';

/** Any of the client's methods, called with the arguments given to the one of `window.waymark`. */
type Method = (...args: unknown[]) => unknown;
type Definitions = { milestones?: MilestoneDefinition[]; levels?: LevelDefinition[] };

const warn = (message: string) => console.warn('[waymark] ' + message);

/**
 * Starts the script tag on this page, unless a real `window.waymark` is there already: reads its `data-` attributes,
 * takes over the stub's queue and replays it. `carried` is the one string set this file holds besides English, and
 * the locale the file uses when none is configured.
 *
 * @example
 * // widget/script/global.de.ts, the entry of dist/waymark.de.global.js
 * runScript({ locale: 'de', strings: de });
 */
export const runScript = (carried?: CarriedLocale): void => {
  const page = window as unknown as { waymark?: { q?: unknown[][] } & Record<string, unknown> };
  // A real waymark is there already (the file was loaded twice): it stays.
  if (page.waymark && !Array.isArray(page.waymark.q)) return;
  const queued = (page.waymark?.q ?? []).slice();
  const data = ownScript?.dataset ?? {};
  let wm: Waymark | undefined;
  let widget: WidgetHandle | undefined;
  let started = false;
  const waiting: (() => void)[] = [];
  let ready!: () => void;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const later = (op: () => void) => (wm ? op() : waiting.push(op));
  const safe =
    <A extends unknown[], R>(f: (...args: A) => R, fallback?: R) =>
    (...args: A): R | undefined => {
      try {
        return f(...args);
      } catch (e) {
        warn(String(e));
        return fallback;
      }
    };
  // Calls before the client exists wait in order; reads answer "nothing yet".
  const call = (name: keyof Waymark) => safe((...args: unknown[]) => later(() => (wm![name] as Method)(...args)));
  const read = (name: keyof Waymark, empty: unknown) =>
    safe((...args: unknown[]) => (wm ? (wm[name] as Method)(...args) : empty), empty);
  const afterReady =
    (name: keyof Waymark) =>
    (...args: unknown[]) =>
      readyPromise.then(() => (wm![name] as Method)(...args));
  const listen = (name: 'on' | 'subscribe') =>
    safe(
      (...args: unknown[]) => {
        let off: (() => void) | undefined;
        let live = true;
        later(() => {
          if (live) off = (wm![name] as Method)(...args) as () => void;
        });
        return () => {
          live = false;
          off?.();
        };
      },
      () => {},
    );

  const start = (options: ScriptOptions, definitions: Definitions) => {
    wm = createWaymark({ ...options.client, ...definitions } as WaymarkOptions);
    defineElements(wm, options.widget);
    const mount = () => {
      if (options.launcher && wm) widget = mountWidget(wm, options.widget);
    };
    if (document.body) mount();
    else document.addEventListener('DOMContentLoaded', mount, { once: true });
    for (const op of waiting.splice(0)) safe(op)();
    wm.ready.then(ready);
  };

  const init = safe((initOptions: InitOptions = {}) => {
    if (started) return warn('init() was called twice; the first configuration stays');
    started = true;
    const options = readScriptOptions(data, ownScript?.nonce, initOptions, carried);
    const url = options.milestonesUrl;
    if (!url) return start(options, {});
    // Definitions come from a URL: the client starts once they arrive (or failed to).
    fetch(url, { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status))))
      .then(
        (json) =>
          start(
            options,
            Array.isArray(json) ? { milestones: json } : { milestones: json?.milestones, levels: json?.levels },
          ),
        (e) => {
          warn(`could not load milestones from ${url}: ${String(e?.message ?? e)}`);
          start(options, {});
        },
      );
  });

  const api = {
    init,
    track: call('track'),
    identify: call('identify'),
    group: call('group'),
    setConsent: call('setConsent'),
    setDefinitions: call('setDefinitions'),
    report: call('report'),
    destroy: safe(() =>
      later(() => {
        widget?.destroy();
        wm!.destroy();
      }),
    ),
    on: listen('on'),
    subscribe: listen('subscribe'),
    milestones: read('milestones', []),
    milestone: read('milestone', undefined),
    levels: read('levels', []),
    claimCelebration: afterReady('claimCelebration'),
    flush: afterReady('flush'),
    reset: afterReady('reset'),
    open: safe(() => readyPromise.then(() => widget?.open())),
    close: safe(() => widget?.close()),
    /** Resolves once the client exists and its stored state is restored. */
    ready: readyPromise,
  };
  page.waymark = api as unknown as typeof page.waymark;

  if (!queued.some((queuedCall) => queuedCall[0] === 'init') && data.projectKey) init();
  for (const [name, ...args] of queued) {
    const f = (api as Record<string, unknown>)[name as string];
    if (typeof f === 'function') f(...args);
  }
};
