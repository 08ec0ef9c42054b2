import { de, es, fr, ja, ptBR } from '../locales/index';
import type { WidgetStrings } from '../types';

// By language: a regional tag (de-AT, fr-CA, es-MX, pt-PT) takes its language's set.
const sets: Record<string, WidgetStrings> = { de, es, fr, ja, pt: ptBR };

/**
 * The script tag's string set for a locale: every set of `waymark/widget/locales` is in the file, and the one whose
 * language matches `locale` is used; English (the defaults) for any other.
 *
 * @example
 * stringsFor('de-AT') === de; // true
 * stringsFor('en-GB'); // undefined: the English defaults
 */
export const stringsFor = (locale?: string): WidgetStrings | undefined => sets[(locale ?? '').toLowerCase().split('-')[0]];
