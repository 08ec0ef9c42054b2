import type { WaymarkError } from 'waymark';
import type { defaultStrings } from './strings';

/** Plural categories of `Intl.PluralRules`. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/**
 * A template chosen by the plural category of one number (`Intl.PluralRules` of the widget's locale).
 *
 * @example
 * const summary: PluralString = { plural: 'total', one: '{achieved} of {total} milestone', other: '{achieved} of {total} milestones' };
 */
export type PluralString = { plural: string; other: string } & Partial<
  Record<Exclude<PluralCategory, 'other'>, string>
>;

/**
 * A replaceable string: a template with `{name}` placeholders, plural forms of one (`PluralString`), or a function of
 * the same values.
 */
export type WidgetString = string | PluralString | ((vars: Record<string, string | number>) => string);

/** Every visible string of the widget, by key. */
export type WidgetStrings = { [K in keyof typeof defaultStrings]: WidgetString };

export interface WidgetTheme {
  /** Accent colour of bars, rings and buttons. Also `--waymark-accent`. */
  accent?: string;
  /** `'auto'` (default) follows the host page: its `color-scheme`, else the lightness of its background. */
  colorScheme?: 'light' | 'dark' | 'auto';
}

/** The Share button on achievements (off unless given). */
export interface ShareOptions {
  /** The link shared, such as your product's home page; http(s). */
  url: string;
  /** Your product's name, for the pre-filled line "I just reached Power User in {name}". Default: the URL's host. */
  name?: string;
}

/**
 * Options of `mountWidget` (and, without `position`/`target`, of `defineElements`).
 *
 * @example
 * const options: WidgetOptions = { position: 'bottom-left', theme: { colorScheme: 'dark' }, locale: 'de', strings: de };
 */
export interface WidgetOptions {
  position?: 'bottom-right' | 'bottom-left' | 'inline';
  /** Element to mount into when `position` is `'inline'` (required then). */
  target?: Element;
  theme?: WidgetTheme;
  /** BCP 47 locale for numbers, currency, dates and plurals. Default: the browser's. */
  locale?: string;
  /** Replaces any visible string; a whole set from `waymark/widget/locales` translates the widget. */
  strings?: Partial<WidgetStrings>;
  /** `false` turns confetti off; it is always off under prefers-reduced-motion. */
  confetti?: boolean;
  /** A Share button on celebrations: the Web Share API where the browser has it, else LinkedIn and Copy link. */
  share?: ShareOptions;
  /** CSP nonce for the `<style>` fallback where constructable stylesheets are missing. */
  nonce?: string;
  /** Called when the user picks a next step (after `wm.track`); for client-side routing. */
  onNext?: (milestoneId: string, event: Event) => void;
  /** Receives problems instead of throwing into the host app (they also reach the client's `error` listeners). */
  onError?: (error: WaymarkError) => void;
}

/** What `mountWidget` returns. */
export interface WidgetHandle {
  open(): void;
  close(): void;
  destroy(): void;
}
