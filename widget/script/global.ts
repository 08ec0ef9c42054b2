// The script-tag build (dist/waymark.global.js): the core and a launcher drawn without Preact; the rest of the widget,
// the sync and canvas-confetti load when needed from waymark.ui.js, waymark.sync.js and waymark.confetti.js beside it
// (scripts/scriptSiblings.mjs). Running it replaces the stub's `window.waymark` (`{ q: [...] }`) with the real API and
// replays the queued calls.
import { createWaymark } from '../../src/index';
import type { LevelDefinition, MilestoneDefinition, Waymark, WaymarkOptions } from '../../src/types';
import { defineElements } from '../defineElements';
import { mountWidget } from '../mountWidget';
import type { WidgetHandle, WidgetOptions } from '../types';
import { ownScript } from './ownScript';

/** Options of `waymark.init()`: the client's, plus where definitions live and the widget's. */
export interface InitOptions extends Partial<WaymarkOptions> {
  /** URL of a JSON file: an array of milestone definitions, or `{ milestones, levels }`. */
  milestonesUrl?: string;
  /** `false`: no floating launcher (custom elements still work). */
  launcher?: boolean;
  widget?: WidgetOptions;
}

type Fn = (...args: any[]) => any;
const w = window as unknown as { waymark?: { q?: unknown[][] } & Record<string, unknown> };
const warn = (message: string) => console.warn('[waymark] ' + message);

if (!w.waymark || Array.isArray(w.waymark.q)) {
  const queued = (w.waymark?.q ?? []).slice();
  const data = ownScript?.dataset ?? {};
  let wm: Waymark | undefined;
  let widget: WidgetHandle | undefined;
  let started = false;
  const waiting: (() => void)[] = [];
  let ready!: () => void;
  const readyPromise = new Promise<void>((r) => (ready = r));
  const later = (op: () => void) => (wm ? op() : waiting.push(op));
  const safe =
    <F extends Fn>(f: F, fallback?: unknown) =>
    (...args: Parameters<F>): ReturnType<F> => {
      try {
        return f(...args);
      } catch (e) {
        warn(String(e));
        return fallback as ReturnType<F>;
      }
    };
  // Calls before the client exists wait in order; reads answer "nothing yet".
  const call = (name: keyof Waymark) => safe((...args: unknown[]) => later(() => (wm![name] as Fn)(...args)));
  const read = (name: keyof Waymark, empty: unknown) => safe((...args: unknown[]) => (wm ? (wm[name] as Fn)(...args) : empty), empty);
  const afterReady = (name: keyof Waymark) => (...args: unknown[]) => readyPromise.then(() => (wm![name] as Fn)(...args));
  const listen = (name: 'on' | 'subscribe') =>
    safe((...args: unknown[]) => {
      let off: (() => void) | undefined;
      let live = true;
      later(() => live && (off = (wm![name] as Fn)(...args)));
      return () => {
        live = false;
        off?.();
      };
    }, () => {});

  const start = (options: InitOptions, defs: { milestones?: MilestoneDefinition[]; levels?: LevelDefinition[] }) => {
    const { launcher, widget: widgetOptions, milestonesUrl: _, ...core } = options;
    wm = createWaymark({ ...core, ...defs } as WaymarkOptions);
    const ui: WidgetOptions = {
      position: data.position as WidgetOptions['position'],
      locale: data.locale,
      theme: { accent: data.accent, colorScheme: data.colorScheme as 'auto' },
      nonce: ownScript?.nonce || undefined,
      ...widgetOptions,
    };
    defineElements(wm, ui);
    const mount = () => {
      if (launcher !== false && data.launcher !== 'false' && wm) widget = mountWidget(wm, ui);
    };
    document.body ? mount() : document.addEventListener('DOMContentLoaded', mount, { once: true });
    waiting.splice(0).forEach((op) => safe(op)());
    wm.ready.then(ready);
  };

  const init = safe((options: InitOptions = {} as InitOptions) => {
    if (started) return warn('init() was called twice; the first configuration stays');
    started = true;
    const o: InitOptions = {
      projectKey: data.projectKey!,
      ...(data.endpoint && { endpoint: data.endpoint }),
      ...(data.userId && { userId: data.userId }),
      ...(data.consent && { consent: data.consent as 'granted' }),
      ...options,
    };
    const url = o.milestonesUrl ?? (o.milestones ? undefined : data.milestones);
    if (!url) return start(o, {});
    // Definitions come from a URL: the client starts once they arrive (or failed to).
    fetch(url, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status))))
      .then(
        (json) => start(o, Array.isArray(json) ? { milestones: json } : { milestones: json?.milestones, levels: json?.levels }),
        (e) => {
          warn(`could not load milestones from ${url}: ${String(e?.message ?? e)}`);
          start(o, {});
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
  w.waymark = api as unknown as typeof w.waymark;

  if (!queued.some((c) => c[0] === 'init') && data.projectKey) init();
  for (const [name, ...args] of queued) {
    const f = (api as Record<string, unknown>)[name as string];
    if (typeof f === 'function') f(...args);
  }
}
