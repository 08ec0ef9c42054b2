import type { JsonValue, Properties, Where, WhereOperators } from '../types';

const same = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

// Each operator's argument was checked by validateDefinitions: a number for the comparisons, a list for `in`.
const OPS: Record<keyof WhereOperators, (v: JsonValue | undefined, arg: unknown) => boolean> = {
  eq: same,
  ne: (v, a) => !same(v, a),
  gt: (v, a) => typeof v === 'number' && v > (a as number),
  gte: (v, a) => typeof v === 'number' && v >= (a as number),
  lt: (v, a) => typeof v === 'number' && v < (a as number),
  lte: (v, a) => typeof v === 'number' && v <= (a as number),
  in: (v, a) => (a as JsonValue[]).some((x) => same(v, x)),
  exists: (v, a) => (v !== undefined) === a,
};

/**
 * Compiles a `where` filter into a predicate over event properties.
 * A plain value means equality; an object holds operators (`eq ne gt gte lt lte in exists`), all of which must hold.
 *
 * @example
 * const pro = matchesWhere({ plan: 'pro', amount: { gte: 10 } });
 * pro({ plan: 'pro', amount: 12 }); // true
 */
export function matchesWhere(where: Where): (props: Properties) => boolean {
  const checks = Object.keys(where).map((key) => {
    const cond = where[key];
    const ops =
      cond !== null && typeof cond === 'object' && !Array.isArray(cond)
        ? Object.keys(cond).map(
            (op) => [OPS[op as keyof WhereOperators], (cond as WhereOperators)[op as keyof WhereOperators]] as const,
          )
        : [[OPS.eq, cond] as const];
    return (props: Properties) => {
      for (const [fn, arg] of ops) if (!fn(props[key], arg)) return false;
      return true;
    };
  });
  // Loops, not every(): this runs for each event on every filtered rule listening for it.
  return (props) => {
    for (const check of checks) if (!check(props)) return false;
    return true;
  };
}
