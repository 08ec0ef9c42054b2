import { didYouMean } from './didYouMean';

/** One problem found in definitions: where (`milestones[3].rule.count`) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Checks `v`, found at path `p`, reporting what is wrong itself. */
export type Check = (v: unknown, p: string) => unknown;

/** What an unknown key is: a harmless extra (warned), a rule key or a `where` operator (each an error). */
type Unknown = 'key' | 'rule key' | 'operator';

/** A plain object (not null, an array, a Date, a Map...). */
export const isObj = (v: unknown): v is Record<string, unknown> => ({}).toString.call(v) === '[object Object]';

/** `p.k`, or `k` at the top. */
const at = (p: string, k: string) => (p && p + '.') + k;

/**
 * The building blocks of the definitions' schema, each a `Check` that reports into `errors` (or `warnings`, for
 * unknown plain keys) under the path it was given.
 *
 * @example
 * const checks = createSchemaChecks(errors, warnings);
 * const badge = checks.obj_({ name: checks.pat_(/\S/, 'a non-empty string') }, 1);
 * badge({ nmae: 'Gold' }, 'milestones[0].badge'); // errors: required name; warnings: unknown key "nmae"
 */
export function createSchemaChecks(errors: ValidationIssue[], warnings: ValidationIssue[]) {
  const report = (path: string, message: string, to = errors) => to.push({ path, message });
  const leaf =
    (ok: (v: unknown) => unknown, what: string): Check =>
    (v, p) =>
      ok(v) || report(p, 'expected ' + what);
  return {
    report_: report,
    leaf_: leaf,
    pat_: (re: RegExp, what: string) => leaf((v) => typeof v === 'string' && re.test(v), what),
    num_: (what: string, ok: (n: number) => boolean) =>
      leaf((v) => typeof v === 'number' && Number.isFinite(v) && ok(v), what),
    one_: (list: string) => leaf((v) => list.split(' ').includes(v as string), 'one of ' + list.replace(/ /g, ', ')),
    list_:
      (c: Check, min = 0): Check =>
      (v, p) => {
        if (!Array.isArray(v) || v.length < min)
          return report(p, min ? 'expected a non-empty array' : 'expected an array');
        for (let i = 0; i < v.length; i++) c(v[i], `${p}[${i}]`);
      },
    /** Checks each value of a plain object with `c`. */
    map_:
      (c: Check): Check =>
      (v, p) => {
        if (!isObj(v)) return report(p, 'expected an object');
        for (const k of Object.keys(v)) c(v[k], at(p, k));
      },
    /** The first `required` keys of `shape` must be present; unknown keys warn, or fail unless `unknown` is a plain key. */
    obj_:
      (shape: Record<string, Check>, required = 0, unknown: Unknown = 'key'): Check =>
      (v, p) => {
        if (!isObj(v)) return report(p, 'expected an object');
        const keys = Object.keys(shape);
        for (const [i, k] of keys.entries()) {
          if (k in v) shape[k](v[k], at(p, k));
          else if (i < required) report(at(p, k), 'required');
        }
        for (const k of Object.keys(v))
          if (!keys.includes(k))
            report(at(p, k), `unknown ${unknown} "${k}"${didYouMean(k, keys)}`, unknown === 'key' ? warnings : errors);
      },
    /** The one key of `keys` present in `v`; more than one is an error. */
    pick_: (v: Record<string, unknown>, p: string, keys: string[]) => {
      const [a, b] = keys.filter((k) => k in v);
      if (b) report(p, `expected ${a} or ${b}, not both`);
      return a;
    },
  };
}

export type SchemaChecks = ReturnType<typeof createSchemaChecks>;
