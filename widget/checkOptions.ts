import type { Waymark, WaymarkError } from 'waymark';
import { defaultStrings } from './strings';
import type { WidgetOptions } from './types';

const describe = (x: unknown): string =>
  typeof x === 'string' ? `"${x.slice(0, 40)}"` : x === null ? 'null' : typeof x;
const oneOf = (...values: string[]): [(v: unknown) => boolean, string] => [
  (v) => values.includes(v as string),
  'one of ' + values.map((v) => `"${v}"`).join(', '),
];
const isA = (type: string, what = 'a ' + type): [(v: unknown) => boolean, string] => [(v) => typeof v === type, what];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isLocale = (v: unknown) => {
  try {
    return Intl.getCanonicalLocales(v as string).length === 1;
  } catch {
    return false;
  }
};
// The languages of waymark/widget/locales and of the script-tag files dist/waymark.<tag>.global.js.
const SHIPPED = ['de', 'fr', 'es', 'pt-BR', 'ja'];
// Each option with its check and what it expects; a value that fails is reported and left out (the default applies).
const CHECKS: [string, [(v: unknown) => boolean, string]][] = [
  ['position', oneOf('bottom-right', 'bottom-left', 'inline')],
  ['target', [(v) => typeof Element !== 'undefined' && v instanceof Element, 'an Element']],
  ['theme', [isObject, 'an object']],
  ['theme.colorScheme', oneOf('light', 'dark', 'auto')],
  ['theme.accent', isA('string', 'a CSS colour')],
  ['locale', [isLocale, 'a BCP 47 locale such as "de" or "pt-BR"']],
  ['strings', [isObject, 'an object, such as a set from waymark/widget/locales']],
  ['confetti', isA('boolean')],
  ['share', [isObject, 'an object { url, name? }']],
  ['share.url', [(v) => typeof v === 'string' && /^https?:\/\/[^/]/i.test(v), 'an http(s) URL']],
  ['share.name', isA('string')],
  ['nonce', isA('string')],
  ['onNext', isA('function')],
  ['onError', isA('function')],
];

/**
 * True for something that works as a waymark client (what `createWaymark` returns).
 *
 * @example
 * if (!isClient(wm)) report({ code: 'invalid_argument', message: 'expected a waymark client' });
 */
export const isClient = (wm: unknown): wm is Waymark =>
  isObject(wm) &&
  ['milestones', 'levels', 'subscribe', 'on', 'claimCelebration', 'track'].every((k) => typeof wm[k] === 'function');

/**
 * Checks the widget's options: each value that is wrong is reported (`invalid_option`, with its path) and left out,
 * so the default applies and the widget still works. `position: 'inline'` without a `target` is reported and mounts
 * bottom-right.
 *
 * @example
 * const o = checkOptions({ position: 'top' }, report); // reports "position: expected …", returns {}
 */
export const checkOptions = (input: unknown, report: (e: WaymarkError) => void): WidgetOptions => {
  const bad = (path: string, message: string) => report({ code: 'invalid_option', path, message });
  // What the host passed, as the options it should be: each is checked below, and one that is not is deleted.
  const o = (isObject(input) ? { ...input } : {}) as Record<string, unknown> & WidgetOptions;
  // The theme and share are checked key by key and may lose one: copies, never the host's objects.
  if (isObject(o.theme)) o.theme = { ...o.theme };
  if (isObject(o.share)) o.share = { ...o.share };
  if (input !== undefined && !isObject(input)) bad('options', 'expected an object, got ' + describe(input));
  for (const [path, [ok, expected]] of CHECKS) {
    const [key, inner] = path.split('.');
    const owner = inner ? o[key] : o;
    const name = inner ?? key;
    if (!isObject(owner) || owner[name] === undefined || ok(owner[name])) continue;
    bad(path, `expected ${expected}, got ${describe(owner[name])}`);
    delete owner[name];
  }
  // Nothing to share without a link.
  if (o.share && !o.share.url) {
    // A wrong url was reported above; a missing one is reported here.
    if ((input as { share: { url?: unknown } }).share.url === undefined)
      bad('share.url', 'expected an http(s) URL, got undefined');
    delete o.share;
  }
  for (const key in o.strings) if (!(key in defaultStrings)) bad('strings.' + key, `unknown string "${key}"`);
  // Words and numbers in one language: a locale without strings would word the widget in English around German
  // numbers, so say so; and without a locale, English words format in English unless the browser's is English too.
  const language = (o.locale ?? '').split('-')[0].toLowerCase();
  if (language && language !== 'en' && !o.strings) {
    // A language waymark ships: name its set, and its script-tag file (where nothing is imported).
    const shipped = SHIPPED.find((tag) => tag.split('-')[0] === language);
    const file = shipped ? `, or load the script tag waymark.${shipped}.global.js` : '';
    bad(
      'strings',
      `locale "${o.locale}" has no strings, so the words stay English: pass a set, e.g. import { ${(shipped ?? 'de').replace('-', '')} } from 'waymark/widget/locales'${file}`,
    );
  }
  if (!o.locale && !o.strings && !/^en\b/i.test(globalThis.navigator?.language ?? 'en')) o.locale = 'en';
  if (o.position === 'inline' && !o.target) {
    bad('target', 'position "inline" needs a target element; mounted bottom-right instead');
    delete o.position;
  }
  return o;
};
