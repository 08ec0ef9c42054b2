import { parseDuration } from './parseDuration';
import { type Check, isObj, type SchemaChecks } from './createSchemaChecks';

/** A milestone or level id: 1 to 64 of a-z, 0-9, _ and -. */
export const isId = (v: unknown): v is string => typeof v === 'string' && /^[a-z0-9_-]{1,64}$/.test(v);

const isScalar = (v: unknown) => v === null || 'string number boolean'.includes(typeof v);

/** The checks of values that more than one part of the schema uses. */
function basicChecks(c: SchemaChecks) {
  const whole = (n: number) => n > 0 && n % 1 === 0;
  return {
    ok: (() => {}) as Check,
    str: c.pat_(/^/, 'a string'),
    name: c.pat_(/\S/, 'a non-empty string'),
    idCheck: c.leaf_(isId, 'an id: 1-64 of a-z 0-9 _ -'),
    posNum: c.num_('a positive number', (n) => n > 0),
    nonNeg: c.num_('a non-negative number', (n) => n >= 0),
    number: c.num_('a number', Number.isFinite),
    bool: c.leaf_((v) => typeof v === 'boolean', 'true or false'),
    scalar: c.leaf_(isScalar, 'a string, number, boolean or null'),
    dur: c.leaf_(parseDuration, 'a duration like "14d" (m, h, d or w)'),
    posInt: c.num_('a positive integer', whole),
    streak: c.num_('an integer from 1 to 366', (n) => whole(n) && n < 367),
  };
}
type Basics = ReturnType<typeof basicChecks>;

/** A rule: `event` with one aggregate and its filters, or `all`/`any` of rules, or `milestones` (references). */
function ruleCheck(c: SchemaChecks, b: Basics, ref: Check): Check {
  const ops = c.obj_(
    { eq: b.ok, ne: b.ok, gt: b.number, gte: b.number, lt: b.number, lte: b.number, in: c.list_(b.ok), exists: b.bool },
    0,
    'operator',
  );
  const where = c.map_((x, q) =>
    (isObj(x) ? ops : c.leaf_(isScalar, 'a string, number, boolean, null or operators'))(x, q),
  );
  const rule: Check = (v, p) => {
    if (!isObj(v)) return c.report_(p, 'expected a rule: event, all, any or milestones');
    const form = c.pick_(v, p, ['event', 'all', 'any', 'milestones']);
    if (form === 'event') {
      const agg = c.pick_(v, p, ['count', 'sum', 'distinct', 'streak']);
      // `gte` is the target of sum and distinct (so required there), and meaningless elsewhere.
      const gte = agg === 'sum' ? b.posNum : agg === 'distinct' ? b.posInt : 0;
      const only = c.leaf_(() => 0, 'only with sum or distinct');
      const { name, posInt: count, streak, dur } = b;
      const shape = {
        event: name,
        gte: gte || only,
        count,
        sum: name,
        distinct: name,
        streak,
        where,
        within: dur,
        last: dur,
      };
      c.obj_(shape, gte ? 2 : 1, 'rule key')(v, p);
    } else if (form) c.obj_({ [form]: c.list_(form === 'milestones' ? ref : rule, 1) }, 1, 'rule key')(v, p);
    else c.report_(p, 'expected a rule: event, all, any or milestones');
  };
  return rule;
}

/**
 * The schema of one milestone and one level, as `Check`s; each well-formed milestone reference is handed to `onRef`.
 *
 * @example
 * const { milestone } = definitionSchema(createSchemaChecks(errors, warnings), (id, path) => refs.push([id, path]));
 * milestone({ id: 'first', title: 'First task', rule: { event: 'task_completed' } }, 'milestones[0]');
 */
export function definitionSchema(c: SchemaChecks, onRef: (id: string, path: string) => void) {
  const b = basicChecks(c);
  const ref: Check = (v, p) => b.idCheck(v, p) === true && onRef(v as string, p);
  const { name, str, bool, dur, nonNeg, posNum } = b;
  // http(s) or relative: no other scheme. Browsers drop blanks and control characters ("java\nscript:"), so we do too.
  const href = c.leaf_(
    (v) => typeof v === 'string' && !/^(?!https?:\/\/)[a-z][\w+.-]*:/i.test(v.replace(/[\0- ]/g, '')),
    'an http(s) or relative URL',
  );
  const badge = c.obj_({ name, icon: str }, 1);
  const value = c.obj_(
    {
      per: posNum,
      unit: c.one_('minutes hours'),
      rate: nonNeg,
      currency: c.pat_(/^[A-Z]{3}$/, 'a 3-letter currency code'),
    },
    1,
  );
  const percentile = c.num_('a number from 0 to 100', (n) => n >= 0 && n <= 100);
  const milestone = c.obj_(
    {
      id: b.idCheck,
      title: name,
      rule: ruleCheck(c, b, ref),
      description: str,
      stage: c.one_('onboarding value adoption growth advocacy'),
      requires: c.list_(ref),
      due: dur,
      badge,
      next: c.obj_({ label: name, href }, 1),
      celebrate: c.one_('confetti toast none'),
      email: bool,
      value,
      benchmark: c.obj_({ typicalDays: nonNeg, percentile }),
      segment: c.map_((v, p) => (Array.isArray(v) ? c.list_(b.scalar) : b.scalar)(v, p)),
      scope: c.one_('user account'),
    },
    3,
  );
  const level = c.obj_({ id: b.idCheck, title: name, milestones: c.list_(ref, 1), badge, sequential: bool }, 3);
  return { milestone, level, idCheck: b.idCheck, ok: b.ok };
}
