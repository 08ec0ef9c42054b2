import { createRef, type VNode } from 'preact';
import type { Waymark } from '../src/types';
import { adoptStyles } from './adoptStyles';
import { Frame } from './components/App';
import { Badges } from './components/Badges';
import { Checklist } from './components/Checklist';
import type { Ctx } from './components/ctx';
import { MilestoneItem } from './components/MilestoneItem';
import { mountInto } from './mountInto';
import { renderLive } from './renderLive';
import { reporter } from './reporter';
import { cell, createState } from './state';
import { createFormat } from './strings';
import type { WidgetOptions } from './types';

type View = (c: Ctx, id: string | null) => VNode | null;

const views: Record<string, View> = {
  'waymark-progress': (c, id) => {
    const m = c.s.milestones.value.find((x) => x.id === id);
    return m ? <ul>{<MilestoneItem c={c} m={m} />}</ul> : null;
  },
  'waymark-checklist': (c, id) => {
    const level = c.s.levels.value.find((x) => x.id === id);
    return level ? <Checklist c={c} level={level} /> : null;
  },
  'waymark-badges': (c) => <Badges c={c} />,
};


/**
 * Registers `<waymark-progress milestone="…">`, `<waymark-checklist level="…">`,
 * `<waymark-badges>` and `<waymark-launcher>` for this client. Each has an open shadow root,
 * follows attribute changes and cleans up when removed, in plain HTML, React or Vue alike.
 * Registering twice is a no-op (the first client stays bound).
 *
 * @example
 * import { defineElements } from 'waymark/widget';
 * defineElements(wm, { locale: 'en-GB' });
 * // <waymark-checklist level="getting-started"></waymark-checklist>
 */
export const defineElements = (wm: Waymark, options: WidgetOptions = {}): void => {
  const report = reporter(options.onError);
  try {
    const registry = globalThis.customElements;
    if (!registry) return;
    const define = (name: string, view?: View) => {
      if (registry.get(name)) return;
      registry.define(
        name,
        class extends HTMLElement {
          static observedAttributes = ['milestone', 'level'];
          private off?: () => void;
          // The watched attribute as a cell of the state, so a change re-renders like any other.
          private key = cell<string | null>(null, () => this.draw?.());
          private draw?: () => void;
          connectedCallback() {
            try {
              const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
              if (!view) {
                this.off = mountInto(root, this, wm, { ...options, position: 'inline' }).destroy;
                return;
              }
              const s = createState(wm, report);
              const c: Ctx = { s, t: createFormat(options.locale, options.strings), wm, o: { ...options, onError: report }, host: this, root, launcher: createRef() };
              this.attributeChangedCallback();
              const unmount = renderLive(
                root,
                (draw) => {
                  this.draw = draw;
                  return s.watch(draw);
                },
                () => {
                  const body = view(c, this.key.value);
                  return body && <Frame c={c} cls="el">{body}</Frame>;
                },
                report,
              );
              adoptStyles(root, options.nonce);
              this.off = () => {
                s.stop();
                unmount();
              };
            } catch (e) {
              report(e);
            }
          }
          disconnectedCallback() {
            this.off?.();
            this.off = this.draw = undefined;
          }
          attributeChangedCallback() {
            this.key.value = this.getAttribute('milestone') ?? this.getAttribute('level');
          }
        },
      );
    };
    for (const name in views) define(name, views[name]);
    define('waymark-launcher');
  } catch (e) {
    report(e);
  }
};
