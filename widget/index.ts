// The `waymark/widget` entry. Importing it touches no DOM; `mountWidget` and
// `defineElements` do, when called.
export { mountWidget } from './mountWidget';
export { defineElements } from './defineElements';
export { defaultStrings } from './strings';
export type {
  PluralString,
  ShareOptions,
  WidgetHandle,
  WidgetOptions,
  WidgetString,
  WidgetStrings,
  WidgetTheme,
} from './types';
