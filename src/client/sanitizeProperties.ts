import type { JsonValue, Properties, WaymarkError } from '../types';

const MAX_DEPTH = 5;
const MAX_KEYS = 50;
const MAX_ITEMS = 100;
const MAX_STRING = 1024;
const BUDGET = 16384;
const MAX_REPORTS = 10;
const TOO_LARGE = 'payload_too_large';
const hasOwn = Object.prototype.hasOwnProperty;
// NUL and lone surrogates: no backend stores them as text (PostgreSQL refuses NUL, JSON parsers choke on halves).
const UNSENDABLE = /[\0\ud800-\udfff]/;
// A pair is matched first and kept; a surrogate left over is lone. (No lookbehind: older Safari cannot parse it.)
const SURROGATES = /([\ud800-\udbff][\udc00-\udfff])|[\ud800-\udfff]/g;

/**
 * Whether `text` holds a NUL character or a lone surrogate, which no backend can store: names and ids holding one
 * are refused; properties and traits are cleaned.
 *
 * @example
 * isUnsendable('a\u0000b'); // true
 */
export const isUnsendable = (text: string): boolean => UNSENDABLE.test(text);

/**
 * `text` with NUL characters removed and lone surrogates replaced by U+FFFD; surrogate pairs (emoji) are kept.
 *
 * @example
 * cleanText('a\u0000b\ud83d'); // 'ab\ufffd'
 */
export const cleanText = (text: string): string =>
  text.replace(/\0/g, '').replace(SURROGATES, (_all, pair) => pair || '\ufffd');

// Per-call state lives in module variables, not a context object, so the common flat case
// allocates nothing but its output. Saved and restored around each call: a getter may re-enter.
let sink: (error: WaymarkError) => void;
let used = 0; // characters of keys and strings kept, plus one per entry
let reports = 0;
let flags = 0; // 1: a string was truncated (reported once); 2: the budget ran out; 4: characters were cleaned (reported once)
let root: object | undefined;
let base = 0;
// Nested containers being walked (the root apart: a flat object needs no push), to cut cycles.
const stack: object[] = [];

const join = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`);

const issue = (path: string, message: string, code = 'invalid_property'): undefined => {
  // A host passing 16 KB of NaN should get a few errors, not thousands.
  if (reports++ < MAX_REPORTS)
    try {
      sink({ code, message, path });
    } catch {}
  return undefined;
};

const spend = (n: number, path: string, key: string | number): boolean => {
  if (flags & 2) return false;
  used += n;
  if (used <= BUDGET) return true;
  flags |= 2;
  issue(
    join(path, key),
    `properties over ${BUDGET} bytes: truncated at ${used - n} bytes, dropped this and the rest`,
    TOO_LARGE,
  );
  return false;
};

// What `walk` reads: an array or an object of the host's (any value, maybe a Proxy that throws).
type Readable = Record<string | number, unknown> & { length?: number };

// May throw (a Proxy, a cross-origin window): callers catch.
const unsupported = (v: Readable): string | undefined =>
  v instanceof Map
    ? 'a Map'
    : v instanceof Set
      ? 'a Set'
      : typeof v.nodeType === 'number' && typeof v.nodeName === 'string'
        ? 'a DOM node'
        : v.window === v
          ? 'a window'
          : undefined;

/** `text` fit to send: cleaned (and the first cleaning of a call reported) when it holds what no backend stores. */
const sendable = (text: string, path: string, key: string | number): string => {
  if (!UNSENDABLE.test(text)) return text;
  if (!(flags & 4)) {
    flags |= 4;
    issue(join(path, key), 'replaced characters that cannot be sent (NUL, lone surrogates)');
  }
  return cleanText(text);
};

/**
 * Turns what the host passed as event properties or traits into plain JSON, on the hot path
 * of `track()`. Never throws; each problem is reported with its path, and the value dropped
 * or changed: NUL characters removed and lone surrogates replaced by U+FFFD (in keys too),
 * strings over 1,024 characters truncated, non-finite numbers, functions,
 * symbols, Maps, Sets, DOM nodes, windows and cycles dropped, Dates to ISO strings, BigInts
 * to numbers (or strings when unsafe). Objects and arrays nest up to 5 levels, with at most
 * 50 keys and 100 items each, within about 16 KB of keys and strings per call.
 *
 * @example
 * sanitizeProperties({ feature: 'kanban', amount: 42, at: new Date(0), fn() {} }, console.warn);
 * // { feature: 'kanban', amount: 42, at: '1970-01-01T00:00:00.000Z' }, and one report:
 * // { code: 'invalid_property', message: 'dropped a function', path: 'properties.fn' }
 */
export function sanitizeProperties(
  input: unknown,
  report: (error: WaymarkError) => void,
  path = 'properties',
): Properties {
  const out: Properties = {};
  if (input == null) return out;
  const s = sink,
    u = used,
    r = reports,
    f = flags,
    b = base,
    o = root;
  sink = report;
  used = reports = flags = 0;
  base = stack.length;
  root = input;
  try {
    const bad =
      typeof input !== 'object'
        ? typeof input
        : Array.isArray(input)
          ? 'an array'
          : input instanceof Date
            ? 'a Date'
            : unsupported(input as Readable);
    if (bad) issue(path, `${path} must be a plain object, got ${bad}`, 'invalid_argument');
    else walk(input as Readable, path, 0, out);
  } catch {
    issue(path, `could not read ${path}: dropped the rest`, 'invalid_argument');
  } finally {
    stack.length = base;
    sink = s;
    used = u;
    reports = r;
    flags = f;
    base = b;
    root = o;
  }
  return out;
}

function clean(v: unknown, path: string, key: string | number, depth: number): JsonValue | undefined {
  switch (typeof v) {
    case 'string':
      if (v.length > MAX_STRING) {
        if (!(flags & 1)) {
          flags |= 1;
          issue(join(path, key), `truncated a ${v.length}-character string to ${MAX_STRING}`);
        }
        // Never end on half a surrogate pair.
        v = v.slice(0, (v.charCodeAt(MAX_STRING - 1) & 0xfc00) === 0xd800 ? MAX_STRING - 1 : MAX_STRING);
      }
      return spend((v as string).length, path, key) ? sendable(v as string, path, key) : undefined;
    case 'number':
      return v - v === 0 ? v : issue(join(path, key), `dropped ${v}: not a finite number`);
    case 'boolean':
      return v;
    case 'bigint': {
      const n = Number(v);
      return Number.isSafeInteger(n) ? n : clean(String(v), path, key, depth);
    }
    case 'object': {
      if (v === null) return null;
      const at = join(path, key);
      if (v instanceof Date) {
        const t = v.getTime();
        return !Number.isNaN(t) ? v.toISOString() : issue(at, 'dropped an invalid Date');
      }
      const bad = unsupported(v as Readable);
      if (bad) return issue(at, `dropped ${bad}`);
      if (depth >= MAX_DEPTH) return issue(at, `dropped a value nested deeper than ${MAX_DEPTH} levels`);
      if (v === root || stack.indexOf(v, base) >= 0) return issue(at, 'dropped a circular reference');
      stack.push(v);
      try {
        return walk(v as Readable, at, depth + 1, Array.isArray(v) ? [] : {});
      } finally {
        stack.pop();
      }
    }
    case 'undefined':
      return undefined;
  }
  return issue(join(path, key), `dropped a ${typeof v}`);
}

function walk(src: Readable, path: string, depth: number, out: JsonValue[] | Properties): JsonValue[] | Properties {
  if (Array.isArray(out)) {
    const n = src.length!;
    for (let i = 0; i < n; i++) {
      if (i === MAX_ITEMS) {
        issue(path, `kept the first ${MAX_ITEMS} of ${n} items`, TOO_LARGE);
        return out;
      }
      if (!spend(1, path, i)) break;
      const v = read(src, i, path, depth);
      if (v === undefined && flags & 2) break;
      // Like JSON: a dropped item becomes null, so the others keep their index.
      out.push(v === undefined ? null : v);
    }
    return out;
  }
  let count = 0;
  for (const k in src) {
    if (!hasOwn.call(src, k)) continue;
    if (count++ === MAX_KEYS) {
      issue(path, `kept the first ${MAX_KEYS} keys, dropped the rest`, TOO_LARGE);
      return out;
    }
    if (!spend(k.length + 1, path, k)) break;
    // Assigning `__proto__` would set the output's prototype instead of a key.
    if (k === '__proto__') {
      issue(join(path, k), 'dropped the key __proto__');
      continue;
    }
    const v = read(src, k, path, depth);
    if (v !== undefined) out[sendable(k, path, k)] = v;
    else if (flags & 2) break;
  }
  return out;
}

function read(src: Readable, key: string | number, path: string, depth: number): JsonValue | undefined {
  try {
    return clean(src[key], path, key, depth);
  } catch {
    return issue(join(path, key), 'dropped a value that threw when read');
  }
}
