import { signal } from '@preact/signals';
import { createRef } from 'preact';
import type { Waymark, WaymarkError } from 'waymark';
import { Frame } from './components/App';
import type { Ctx } from './components/ctx';
import { followScheme } from './followScheme';
import { renderLive } from './renderLive';
import { reporter } from './reporter';
import { createState } from './state';
import { launcherCss } from './launcherCss';
import { adoptStyles } from './adoptStyles';
import { attachViews } from './attachViews';
import { createFormat } from './strings';
import type { WidgetOptions } from './types';

/** One inline element's rendering: follows its `milestone`/`level` attribute, and unmounts. */
export interface ElementMount {
  key(value: string | null): void;
  off(): void;
}

const unknownKey = (name: string, id: string | null, s: ReturnType<typeof createState>): WaymarkError | undefined => {
  const attribute = name === 'waymark-progress' ? 'milestone' : name === 'waymark-checklist' ? 'level' : undefined;
  if (!attribute) return;
  const known = (attribute === 'milestone' ? s.milestones.value : s.levels.value).map((x) => x.id);
  if (id && known.includes(id)) return;
  const path = `<${name}${id === null ? '' : ` ${attribute}="${id}"`}>`;
  const list = known.length ? known.slice(0, 8).join(', ') + (known.length > 8 ? ', …' : '') : 'none';
  return {
    code: attribute === 'milestone' ? 'unknown_milestone' : 'unknown_level',
    path,
    message:
      id === null
        ? `needs a ${attribute} attribute (known: ${list})`
        : `no ${attribute} "${id}" for this user (not defined, or hidden by its segment); known: ${list}`,
  };
};

/**
 * Renders `<waymark-progress>`, `<waymark-checklist>` or `<waymark-badges>` (by `name`) into the element's shadow
 * root and keeps it current. Once the client is ready, an attribute naming no milestone (or level) of this user is
 * reported as `unknown_milestone` (`unknown_level`). Used by `defineElements`.
 *
 * @example
 * const m = mountElement(el.attachShadow({ mode: 'open' }), el, 'waymark-progress', wm, {});
 * m.key('ten-tasks');
 * m.off();
 */
export const mountElement = (
  root: ShadowRoot,
  host: Element,
  name: string,
  wm: Waymark,
  options: WidgetOptions,
): ElementMount => {
  const report = reporter(options.onError, wm);
  const s = createState(wm, report);
  const c: Ctx = {
    s,
    t: createFormat(options.locale, options.strings),
    wm,
    o: { ...options, onError: report },
    host,
    root,
    launcher: createRef(),
  };
  const unfollow = followScheme(host, options.theme, (scheme) => (s.scheme.value = scheme));
  // The watched attribute as a signal, so a change redraws like any other.
  const key = signal<string | null>(null);
  // Once the client's state is restored, an attribute naming nothing it knows is a mistake worth saying, once per id.
  let restored = false;
  const told = new Set<string | null>();
  const check = () => {
    if (restored && !told.has(key.value)) {
      const problem = unknownKey(name, key.value, s);
      if (!problem) return;
      told.add(key.value);
      report(problem);
    }
  };
  Promise.resolve(wm.ready).then(() => {
    restored = true;
    check();
  }, report);
  const unmount = renderLive(
    root,
    () => {
      const body = s.views.value?.elementViews[name]?.(c, key.value);
      return body ? (
        <Frame c={c} cls="el">
          {body}
        </Frame>
      ) : null;
    },
    report,
  );
  adoptStyles(root, launcherCss, options.nonce);
  let dead = false;
  attachViews(root, s, options.nonce, report, () => !dead);
  return {
    key: (value) => {
      if (value === key.peek()) return;
      key.value = value;
      check();
    },
    off: () => {
      dead = true;
      s.stop();
      unfollow();
      unmount();
    },
  };
};
