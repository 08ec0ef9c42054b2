import type { Waymark } from 'waymark';
import { checkOptions } from './checkOptions';
import { clientReporter } from './clientReporter';
import { type ElementMount, mountElement } from './mountElement';
import { mountInto } from './mountInto';
import type { WidgetOptions } from './types';

const names = ['waymark-progress', 'waymark-checklist', 'waymark-badges', 'waymark-launcher'];

interface Binding {
  wm: Waymark;
  options: WidgetOptions;
  report: (e: unknown) => void;
}

/** A registered element: it renders on connect and again when the elements move to another client. */
interface WaymarkElement extends HTMLElement {
  remount(): void;
}

// Custom elements are registered once per page, so the client they follow is kept here, not in each class.
let bound: Binding | undefined;
const connected = new Set<WaymarkElement>();

const elementClass = (name: string) =>
  class extends HTMLElement implements WaymarkElement {
    static observedAttributes = ['milestone', 'level'];
    private m?: ElementMount;
    connectedCallback() {
      connected.add(this);
      this.mount();
    }
    disconnectedCallback() {
      connected.delete(this);
      this.m?.off();
      this.m = undefined;
    }
    attributeChangedCallback() {
      this.m?.key(this.getAttribute('milestone') ?? this.getAttribute('level'));
    }
    remount() {
      this.m?.off();
      this.m = undefined;
      this.mount();
    }
    private mount() {
      if (!bound) return;
      const { wm, options, report } = bound;
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
  };

/**
 * Registers `<waymark-progress milestone="…">`, `<waymark-checklist level="…">`,
 * `<waymark-badges>` and `<waymark-launcher>` for this client. Each has an open shadow root,
 * follows attribute changes and cleans up when removed, in plain HTML, React or Vue alike.
 * Called again with the same client, nothing changes; with another client (after `destroy()` and
 * a new `createWaymark`, say), the elements follow the new one and its options, those already on
 * the page included.
 *
 * @example
 * import { defineElements } from 'waymark/widget';
 * defineElements(wm, { locale: 'en-GB' });
 * // <waymark-checklist level="getting-started"></waymark-checklist>
 */
export const defineElements = (wm: Waymark, options: WidgetOptions = {}): void => {
  const report = clientReporter('defineElements', wm, options);
  if (!report) return;
  try {
    const registry = globalThis.customElements;
    if (!registry) return;
    // The same client again (a re-render calling this twice, say) changes nothing.
    if (bound?.wm === wm) return;
    const moved = !!bound;
    bound = { wm, options: checkOptions(options, report), report };
    for (const name of names) if (!registry.get(name)) registry.define(name, elementClass(name));
    if (moved) for (const el of connected) el.remount();
  } catch (e) {
    report(e);
  }
};
