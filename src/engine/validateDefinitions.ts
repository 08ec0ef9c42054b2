import { compareByDefinition } from './compareByDefinition';
import { didYouMean } from './didYouMean';
import { parseDuration } from './parseDuration';
import type { LevelDefinition, MilestoneDefinition } from '../types';

/** One problem found in definitions: where (`milestones[3].rule.count`) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** What `validateDefinitions` found, and the definitions that passed. */
export interface ValidationResult {
  /** No errors (warnings allowed). */
  valid: boolean;
  errors: ValidationIssue[];
  /** Unknown keys outside rules: reported, harmless. */
  warnings: ValidationIssue[];
  /** The valid milestones, in input order, as given. */
  milestones: MilestoneDefinition[];
  /** The valid levels, in input order, as given. */
  levels: LevelDefinition[];
}

/** Checks `v`, found at path `p`, reporting what is wrong itself. */
type Check = (v: unknown, p: string) => unknown;

/** One array element that passed the schema. */
interface Item {
  /** The element as given: it passed the schema, so it is a definition. */
  v: unknown;
  id: string;
  /** The milestone ids it names, with their paths. */
  refs: [string, string][];
  /** Milestones only: references not yet accepted, and dependents. */
  n: number;
  d: Item[];
}

/** A plain object (not null, an array, a Date, a Map...). */
const isObj = (v: unknown): v is Record<string, unknown> => ({}).toString.call(v) === '[object Object]';

/** What an unknown key is: a harmless extra (warned), a rule key or a `where` operator (each an error). */
type Unknown = 'key' | 'rule key' | 'operator';

/**
 * Checks milestone and level definitions (the content of a `milestones.json`, or a bare array of milestones).
 * Invalid items are rejected one by one, naming the path; the valid ones are returned. Every problem of every item
 * is reported (errors and warnings each sorted by path), with "did you mean" hints for unknown keys and milestone
 * ids. An unknown key inside a rule is an error, since a typo (`cuont`) would change what the rule means; unknown
 * keys elsewhere are warnings. Never throws.
 *
 * @example
 * const { valid, errors, milestones } = validateDefinitions({
 *   milestones: [{ id: 'ten-tasks', title: 'Complete 10 tasks', rule: { event: 'task_completed', count: 0 } }],
 * });
 * // valid === false, errors: [{ path: 'milestones[0].rule.count', message: 'expected a positive integer' }]
 */
export function validateDefinitions(json: unknown): ValidationResult {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const E = (path: string, message: string, to = errors) => to.push({ path, message });
  let refs: Item['refs'] = [];

  const at = (p: string, k: string) => (p && p + '.') + k;
  const leaf =
    (ok: (v: unknown) => unknown, what: string): Check =>
    (v, p) =>
      ok(v) || E(p, 'expected ' + what);
  const pat = (re: RegExp, what: string) => leaf((v) => typeof v === 'string' && re.test(v), what);
  const num = (what: string, ok: (n: number) => boolean) =>
    leaf((v) => typeof v === 'number' && Number.isFinite(v) && ok(v), what);
  const one = (list: string) =>
    leaf((v) => list.split(' ').includes(v as string), 'one of ' + list.replace(/ /g, ', '));
  const list =
    (c: Check, min = 0): Check =>
    (v, p) => {
      if (!Array.isArray(v) || v.length < min) return E(p, min ? 'expected a non-empty array' : 'expected an array');
      for (let i = 0; i < v.length; i++) c(v[i], `${p}[${i}]`);
    };
  /** Checks each value of a plain object with `c`. */
  const map =
    (c: Check): Check =>
    (v, p) => {
      if (!isObj(v)) return E(p, 'expected an object');
      for (const k of Object.keys(v)) c(v[k], at(p, k));
    };
  /** The first `required` keys of `shape` must be present; unknown keys warn, or fail unless `unknown` is a plain key. */
  const obj =
    (shape: Record<string, Check>, required = 0, unknown: Unknown = 'key'): Check =>
    (v, p) => {
      if (!isObj(v)) return E(p, 'expected an object');
      const keys = Object.keys(shape);
      for (const [i, k] of keys.entries()) {
        if (k in v) shape[k](v[k], at(p, k));
        else if (i < required) E(at(p, k), 'required');
      }
      for (const k of Object.keys(v))
        if (!keys.includes(k))
          E(at(p, k), `unknown ${unknown} "${k}"${didYouMean(k, keys)}`, unknown === 'key' ? warnings : errors);
    };
  /** The one key of `keys` present in `v`; more than one is an error. */
  const pick = (v: Record<string, unknown>, p: string, keys: string[]) => {
    const [a, b] = keys.filter((k) => k in v);
    if (b) E(p, `expected ${a} or ${b}, not both`);
    return a;
  };

  const ok: Check = () => {};
  const str = pat(/^/, 'a string');
  const name = pat(/\S/, 'a non-empty string');
  const id = (v: unknown) => typeof v === 'string' && /^[a-z0-9_-]{1,64}$/.test(v);
  const idCheck = leaf(id, 'an id: 1-64 of a-z 0-9 _ -');
  const ref: Check = (v, p) => idCheck(v, p) === true && refs.push([v as string, p]);
  const posNum = num('a positive number', (n) => n > 0);
  const nonNeg = num('a non-negative number', (n) => n >= 0);
  const number = num('a number', Number.isFinite);
  const bool = leaf((v) => typeof v === 'boolean', 'true or false');
  const isScalar = (v: unknown) => v === null || 'string number boolean'.includes(typeof v);
  const scalar = leaf(isScalar, 'a string, number, boolean or null');
  const dur = leaf(parseDuration, 'a duration like "14d" (m, h, d or w)');
  // http(s) or relative: no other scheme. Browsers drop blanks and control characters ("java\nscript:"), so we do too.
  const href = leaf(
    (v) => typeof v === 'string' && !/^(?!https?:\/\/)[a-z][\w+.-]*:/i.test(v.replace(/[\0- ]/g, '')),
    'an http(s) or relative URL',
  );
  const badge = obj({ name, icon: str }, 1);
  const ops = obj(
    { eq: ok, ne: ok, gt: number, gte: number, lt: number, lte: number, in: list(ok), exists: bool },
    0,
    'operator',
  );
  const whole = (n: number) => n > 0 && n % 1 === 0;
  const posInt = num('a positive integer', whole);
  const streak = num('an integer from 1 to 366', (n) => whole(n) && n < 367);
  const where = map((x, q) => (isObj(x) ? ops : leaf(isScalar, 'a string, number, boolean, null or operators'))(x, q));
  const rule: Check = (v, p) => {
    if (!isObj(v)) return E(p, 'expected a rule: event, all, any or milestones');
    const form = pick(v, p, ['event', 'all', 'any', 'milestones']);
    if (form === 'event') {
      const agg = pick(v, p, ['count', 'sum', 'distinct', 'streak']);
      // `gte` is the target of sum and distinct (so required there), and meaningless elsewhere.
      const gte = agg === 'sum' ? posNum : agg === 'distinct' ? posInt : 0;
      obj(
        {
          event: name,
          gte: gte || leaf(() => 0, 'only with sum or distinct'),
          count: posInt,
          sum: name,
          distinct: name,
          streak,
          where,
          within: dur,
          last: dur,
        },
        gte ? 2 : 1,
        'rule key',
      )(v, p);
    } else if (form) obj({ [form]: list(form === 'milestones' ? ref : rule, 1) }, 1, 'rule key')(v, p);
    else E(p, 'expected a rule: event, all, any or milestones');
  };

  const milestone = obj(
    {
      id: idCheck,
      title: name,
      rule,
      description: str,
      stage: one('onboarding value adoption growth advocacy'),
      requires: list(ref),
      due: dur,
      badge,
      next: obj({ label: name, href }, 1),
      celebrate: one('confetti toast none'),
      email: bool,
      value: obj(
        {
          per: posNum,
          unit: one('minutes hours'),
          rate: nonNeg,
          currency: pat(/^[A-Z]{3}$/, 'a 3-letter currency code'),
        },
        1,
      ),
      benchmark: obj({ typicalDays: nonNeg, percentile: num('a number from 0 to 100', (n) => n >= 0 && n <= 100) }),
      segment: map((v, p) => (Array.isArray(v) ? list(scalar) : scalar)(v, p)),
      scope: one('user account'),
    },
    3,
  );
  const level = obj({ id: idCheck, title: name, milestones: list(ref, 1), badge, sequential: bool }, 3);

  // The milestone references of the elements that failed their own checks: an unknown id there is reported too.
  const failedRefs: Item['refs'] = [];
  /** Checks each element; returns those that passed. `seen` collects the ids claimed. */
  const items = (key: string, c: Check, arr: unknown = [], seen = new Set<string>()) => {
    const out: Item[] = [];
    if (!Array.isArray(arr)) E(key, 'expected an array');
    else
      for (let i = 0; i < arr.length; i++) {
        const p = `${key}[${i}]`;
        const n = errors.length;
        refs = [];
        try {
          const v = arr[i];
          JSON.stringify(v); // throws on cycles, BigInt and throwing getters, which only JS callers can produce
          c(v, p);
          if (id(v?.id)) seen.has(v.id) ? E(p + '.id', `duplicate id "${v.id}"`) : seen.add(v.id);
          if (errors.length === n) out.push({ v, id: v.id, refs, n: refs.length, d: [] });
          else failedRefs.push(...refs);
        } catch {
          E(p, 'expected plain JSON');
        }
      }
    return out;
  };

  let ms: Item[] = [];
  let lv: Item[] = [];
  const done = new Set<string>();
  const named = new Set<string>();
  const refMsg = (r: string) =>
    named.has(r) ? `invalid milestone "${r}"` : `unknown milestone "${r}"${didYouMean(r, named)}`;
  try {
    const arr = Array.isArray(json);
    if (!arr && !isObj(json)) E('', 'expected { milestones, levels } or an array');
    else {
      if (!arr) obj({ milestones: ok, levels: ok })(json, '');
      ms = items('milestones', milestone, arr ? json : json.milestones, named);
      const byId = new Map(ms.map((m) => [m.id, m]));

      // Accept milestones whose references are all accepted (Kahn's algorithm: linear, no recursion).
      const queue = ms.filter((m) => !m.n);
      for (const m of ms) for (const [r] of m.refs) byId.get(r)?.d.push(m);
      for (const m of queue) {
        done.add(m.id);
        for (const d of m.d) --d.n || queue.push(d);
      }

      // The rest name an unknown or invalid milestone, or sit in or behind a cycle: follow the first
      // unaccepted reference a few steps to tell. Longer cycles report their next milestone as invalid.
      const next = (m: Item) => m.refs.find(([r]) => !done.has(r))!;
      for (const m of ms)
        if (!done.has(m.id)) {
          const [r, p] = next(m);
          const ids = [m.id];
          let x = byId.get(r);
          while (x && x !== m && ids.push(x.id) < 10) x = byId.get(next(x)[0]);
          E(p, x === m ? `forms a cycle: ${ids.join(' → ')} → ${m.id}` : refMsg(r));
        }

      lv = items('levels', level, arr ? [] : json.levels).filter(
        (l) => !l.refs.filter(([r, p]) => !done.has(r) && E(p, refMsg(r))).length,
      );
      // An element rejected for something else may also name an id that does not exist: said now, not after a fix.
      for (const [r, p] of failedRefs) if (!named.has(r)) E(p, refMsg(r));
    }
  } catch {
    E('', 'expected plain JSON');
  }
  const byPath = (a: ValidationIssue, b: ValidationIssue) => compareByDefinition(a.path, b.path);
  return {
    valid: !errors.length,
    errors: errors.sort(byPath),
    warnings: warnings.sort(byPath),
    milestones: ms.filter((m) => done.has(m.id)).map((m) => m.v as MilestoneDefinition),
    levels: lv.map((l) => l.v as LevelDefinition),
  };
}
