import type { Waymark } from '../src/types';
import { type ElementMount, mountElement } from './mountElement';
import { mountInto } from './mountInto';
import { reporter } from './reporter';
import type { WidgetOptions } from './types';

const names = ['waymark-progress', 'waymark-checklist', 'waymark-badges', 'waymark-launcher'];

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
    for (const name of names) {
      if (registry.get(name)) continue;
      registry.define(
        name,
        class extends HTMLElement {
          static observedAttributes = ['milestone', 'level'];
          private m?: ElementMount;
          connectedCallback() {
            try {
              const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
              if (name === 'waymark-launcher') {
                const off = mountInto(root, this, wm, { ...options, position: 'inline' }).destroy;
                this.m = { key: () => {}, off };
              } else this.m = mountElement(root, this, name, wm, options);
              this.attributeChangedCallback();
            } catch (e) {
              report(e);
            }
          }
          disconnectedCallback() {
            this.m?.off();
            this.m = undefined;
          }
          attributeChangedCallback() {
            this.m?.key(this.getAttribute('milestone') ?? this.getAttribute('level'));
          }
        },
      );
    }
  } catch (e) {
    report(e);
  }
};
