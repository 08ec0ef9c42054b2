import type { WidgetStrings } from '../types';

/** The one string set a script-tag file carries besides English, and the locale it uses when none is configured. */
export interface CarriedLocale {
  locale: string;
  strings: WidgetStrings;
}

const language = (locale?: string) => (locale ?? '').toLowerCase().split('-')[0];

/**
 * The script tag's string set for a locale: the set the file carries when `locale` is in its language (any region:
 * de-AT takes the German set, pt-PT the Brazilian one), else undefined (the English defaults; a locale of another
 * language is then reported by the widget's option checks, naming the file to load instead).
 *
 * @example
 * stringsFor('de-AT', { locale: 'de', strings: de }) === de; // true
 * stringsFor('fr', { locale: 'de', strings: de }); // undefined
 */
export const stringsFor = (
  locale: string | undefined,
  carried: CarriedLocale | undefined,
): WidgetStrings | undefined =>
  carried && language(locale) === language(carried.locale) ? carried.strings : undefined;
