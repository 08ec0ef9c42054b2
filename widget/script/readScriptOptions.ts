import type { WaymarkOptions } from 'waymark';
import type { WidgetOptions } from '../types';
import { type CarriedLocale, stringsFor } from './stringsFor';

/** Options of `waymark.init()`: the client's, plus where definitions live and the widget's. */
export interface InitOptions extends Partial<WaymarkOptions> {
  /** URL of a JSON file: an array of milestone definitions, or `{ milestones, levels }`. */
  milestonesUrl?: string;
  /** `false`: no floating launcher (custom elements still work). */
  launcher?: boolean;
  widget?: WidgetOptions;
}

/** What the script tag starts with: the client's options, the widget's, and where the definitions come from. */
export interface ScriptOptions {
  client: Partial<WaymarkOptions>;
  widget: WidgetOptions;
  /** Definitions to fetch before the client starts, when none were given inline. */
  milestonesUrl?: string;
  /** Whether to mount the floating launcher. */
  launcher: boolean;
}

/**
 * Reads the script tag's configuration: its `data-` attributes (`data-project-key`, `data-endpoint`, `data-user-id`,
 * `data-consent`, `data-milestones`, `data-position`, `data-locale`, `data-accent`, `data-color-scheme`,
 * `data-launcher`), overridden by the options of `waymark.init()`. The widget's options are built in one place
 * (here), and so is the choice of the string set: `carried`, the one a file holds besides English, for a locale in
 * its language, and its locale when none is configured (`stringsFor`).
 *
 * @example
 * const { client, widget } = readScriptOptions({ projectKey: 'pk_demo' }, undefined, {}, { locale: 'de', strings: de });
 * // client.projectKey === 'pk_demo', widget.locale === 'de', widget.strings === de
 */
export const readScriptOptions = (
  data: DOMStringMap,
  nonce: string | undefined,
  options: InitOptions,
  carried?: CarriedLocale,
): ScriptOptions => {
  const { launcher, widget, milestonesUrl, ...given } = options;
  const client: Partial<WaymarkOptions> = { ...given };
  client.projectKey ??= data.projectKey;
  if (client.endpoint === undefined && data.endpoint) client.endpoint = data.endpoint;
  if (client.userId === undefined && data.userId) client.userId = data.userId;
  if (client.consent === undefined && data.consent) client.consent = data.consent as WaymarkOptions['consent'];
  const theme = { accent: data.accent, colorScheme: data.colorScheme as 'light' | 'dark' | 'auto' | undefined };
  // A file in one language speaks it unless told otherwise; strings given in init() win.
  const locale = widget?.locale ?? data.locale ?? carried?.locale;
  const strings = widget?.strings ?? stringsFor(locale, carried);
  return {
    client,
    // locale and strings last: init()'s `locale: undefined` must not undo the choice above.
    widget: {
      position: data.position as WidgetOptions['position'],
      theme,
      nonce: nonce || undefined,
      ...widget,
      locale,
      strings,
    },
    milestonesUrl: milestonesUrl ?? (client.milestones ? undefined : data.milestones),
    launcher: launcher !== false && data.launcher !== 'false',
  };
};
