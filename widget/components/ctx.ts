import type { RefObject } from 'preact';
import type { Waymark } from 'waymark';
import type { State } from '../state';
import type { Format } from '../strings';
import type { WidgetOptions } from '../types';

/** What every component gets: the state, the formatter, the client and the options. */
export interface Ctx {
  s: State;
  t: Format;
  wm: Waymark;
  o: WidgetOptions;
  /** The element that owns the shadow root (for outside-click detection). */
  host: Element;
  root: ShadowRoot;
  launcher: RefObject<HTMLButtonElement | null>;
}
