import type { WaymarkError } from '../src/types';
import type { defaultStrings } from './strings';

/** A replaceable string: a template with `{name}` placeholders, or a function of the same values (for plurals). */
export type WidgetString = string | ((vars: Record<string, string | number>) => string);

/** Every visible string of the widget, by key. */
export type WidgetStrings = { [K in keyof typeof defaultStrings]: WidgetString };

export interface WidgetTheme {
  /** Accent colour of bars, rings and buttons. Also `--waymark-accent`. */
  accent?: string;
  colorScheme?: 'light' | 'dark' | 'auto';
}

/**
 * Options of `mountWidget` (and, without `position`/`target`, of `defineElements`).
 *
 * @example
 * const options: WidgetOptions = { position: 'bottom-left', theme: { colorScheme: 'dark' }, locale: 'de' };
 */
export interface WidgetOptions {
  position?: 'bottom-right' | 'bottom-left' | 'inline';
  /** Element to mount into when `position` is `'inline'` (default: document.body). */
  target?: Element;
  theme?: WidgetTheme;
  /** BCP 47 locale for numbers, currency, dates and plurals. Default: the browser's. */
  locale?: string;
  strings?: Partial<WidgetStrings>;
  /** `false` turns confetti off; it is always off under prefers-reduced-motion. */
  confetti?: boolean;
  /** CSP nonce for the `<style>` fallback where constructable stylesheets are missing. */
  nonce?: string;
  /** Called when the user picks a next step (after `wm.track`); for client-side routing. */
  onNext?: (milestoneId: string, event: Event) => void;
  /** Receives problems instead of throwing into the host app. */
  onError?: (error: WaymarkError) => void;
}

/** What `mountWidget` returns. */
export interface WidgetHandle {
  open(): void;
  close(): void;
  destroy(): void;
}
