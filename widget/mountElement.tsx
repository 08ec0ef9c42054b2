import { signal } from '@preact/signals';
import type { Waymark, WaymarkError } from 'waymark';
import { Frame } from './components/App';
import { mountShadow } from './mountShadow';
import type { State } from './state';
import type { WidgetOptions } from './types';

/** One inline element's rendering: follows its `milestone`/`level` attribute, and unmounts. */
export interface ElementMount {
  key(value: string | null): void;
  off(): void;
}

const unknownKey = (name: string, id: string | null, s: State): WaymarkError | undefined => {
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
  // The watched attribute as a signal, so a change redraws like any other.
  const key = signal<string | null>(null);
  const mount = mountShadow(root, host, wm, options, (c) => {
    const body = c.s.views.value?.elementViews[name]?.(c, key.value);
    return body ? (
      <Frame c={c} cls="el">
        {body}
      </Frame>
    ) : null;
  });
  const report = mount.report_;
  // Once the client's state is restored, an attribute naming nothing it knows is a mistake worth saying, once per id.
  let restored = false;
  const told = new Set<string | null>();
  const check = () => {
    if (restored && !told.has(key.value)) {
      const problem = unknownKey(name, key.value, mount.c_.s);
      if (!problem) return;
      told.add(key.value);
      report(problem);
    }
  };
  Promise.resolve(wm.ready).then(() => {
    restored = true;
    check();
  }, report);
  return {
    key: (value) => {
      if (value === key.peek()) return;
      key.value = value;
      check();
    },
    off: mount.stop_,
  };
};
