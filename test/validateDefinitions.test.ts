import { describe, expect, it } from 'vitest';
import { validateDefinitions } from '../src/index';

/** A valid milestone with `over` merged in. */
const ms = (over: Record<string, unknown> = {}) => ({ id: 'a', title: 'A', rule: { event: 'e' }, ...over });
/** Validates a single milestone built from `over`. */
const one = (over: Record<string, unknown>) => validateDefinitions({ milestones: [ms(over)] });
/** Validates a single milestone with this rule. */
const rule = (r: unknown) => one({ rule: r });
const issue = (path: string, message: string) => ({ path, message });

const RULE_MSG = 'expected a rule: event, all, any or milestones';

describe('validateDefinitions: input forms', () => {
  it('accepts the example definition from the contract, with no errors or warnings', () => {
    const def = {
      id: 'ten-tasks',
      title: 'Complete 10 tasks',
      description: 'Teams that finish 10 tasks in week one stay 3x longer.',
      stage: 'adoption',
      rule: { event: 'task_completed', count: 10 },
      requires: ['first-project'],
      due: '14d',
      badge: { name: 'Productive', icon: '🏅' },
      next: { label: 'Automate a workflow', href: '/automations/new' },
      celebrate: 'confetti',
      email: true,
      value: { per: 10, unit: 'minutes', rate: 30, currency: 'USD' },
      benchmark: { typicalDays: 21, percentile: 80 },
      segment: { plan: ['pro', 'enterprise'] },
      scope: 'user',
    };
    const first = ms({ id: 'first-project' });
    const level = {
      id: 'getting-started',
      title: 'Getting started',
      milestones: ['first-project', 'ten-tasks'],
      badge: { name: 'Starter' },
      sequential: true,
    };
    const r = validateDefinitions({ milestones: [first, def], levels: [level] });
    expect(r).toEqual({ valid: true, errors: [], warnings: [], milestones: [first, def], levels: [level] });
  });

  it('accepts a bare array of milestones', () => {
    const list = [ms(), ms({ id: 'b' })];
    const r = validateDefinitions(list);
    expect(r.valid).toBe(true);
    expect(r.milestones).toEqual(list);
    expect(r.levels).toEqual([]);
  });

  it('reports bare-array items under milestones[i]', () => {
    expect(validateDefinitions([ms(), ms({ id: 'b', title: '' })]).errors).toEqual([
      issue('milestones[1].title', 'expected a non-empty string'),
    ]);
  });

  it('accepts an empty object and an empty array', () => {
    for (const input of [{}, [], { milestones: [], levels: [] }])
      expect(validateDefinitions(input)).toMatchObject({ valid: true, errors: [] });
  });

  it.each([null, undefined, 5, 'milestones', true, () => {}, Symbol('x'), 10n, new Date(), new Map()])(
    'rejects %s at the root path',
    (input) => {
      expect(validateDefinitions(input)).toEqual({
        valid: false,
        errors: [issue('', 'expected { milestones, levels } or an array')],
        warnings: [],
        milestones: [],
        levels: [],
      });
    },
  );

  it('rejects milestones or levels that are not arrays', () => {
    expect(validateDefinitions({ milestones: {} }).errors).toEqual([issue('milestones', 'expected an array')]);
    expect(validateDefinitions({ milestones: [ms()], levels: 'x' }).errors).toEqual([
      issue('levels', 'expected an array'),
    ]);
    expect(validateDefinitions({ milestones: null }).errors).toEqual([issue('milestones', 'expected an array')]);
  });

  it('warns about unknown top-level keys, with a hint', () => {
    const r = validateDefinitions({ milestone: [], extra: 1 });
    expect(r.valid).toBe(true);
    expect(r.warnings).toEqual([
      issue('milestone', 'unknown key "milestone" (did you mean "milestones"?)'),
      issue('extra', 'unknown key "extra"'),
    ]);
  });
});

describe('validateDefinitions: milestone fields', () => {
  it.each([
    ['id', ''],
    ['id', 'Ten-Tasks'],
    ['id', 'ten tasks'],
    ['id', 'ten.tasks'],
    ['id', 'x'.repeat(65)],
    ['id', 5],
  ])('rejects %s %j', (key, value) => {
    expect(one({ [key]: value }).errors).toEqual([
      issue(`milestones[0].${key}`, 'expected an id: 1-64 of a-z 0-9 _ -'),
    ]);
  });

  it.each(['a', 'ten-tasks', 'ten_tasks_2', '9', 'x'.repeat(64)])('accepts the id %j', (id) => {
    expect(one({ id }).valid).toBe(true);
  });

  it.each(['id', 'title', 'rule'])('requires %s', (key) => {
    const m: Record<string, unknown> = ms();
    delete m[key];
    expect(validateDefinitions([m]).errors).toEqual([issue(`milestones[0].${key}`, 'required')]);
  });

  it.each([
    [{ title: '' }, 'title', 'expected a non-empty string'],
    [{ title: '   ' }, 'title', 'expected a non-empty string'],
    [{ title: 3 }, 'title', 'expected a non-empty string'],
    [{ description: 3 }, 'description', 'expected a string'],
    [{ stage: 'retention' }, 'stage', 'expected one of onboarding, value, adoption, growth, advocacy'],
    [{ requires: 'b' }, 'requires', 'expected an array'],
    [{ requires: [5] }, 'requires[0]', 'expected an id: 1-64 of a-z 0-9 _ -'],
    [{ due: '14' }, 'due', 'expected a duration like "14d" (m, h, d or w)'],
    [{ due: '1.5d' }, 'due', 'expected a duration like "14d" (m, h, d or w)'],
    [{ due: 14 }, 'due', 'expected a duration like "14d" (m, h, d or w)'],
    [{ badge: 'gold' }, 'badge', 'expected an object'],
    [{ badge: [] }, 'badge', 'expected an object'],
    [{ badge: {} }, 'badge.name', 'required'],
    [{ badge: { name: '' } }, 'badge.name', 'expected a non-empty string'],
    [{ badge: { name: 'B', icon: 5 } }, 'badge.icon', 'expected a string'],
    [{ next: 'x' }, 'next', 'expected an object'],
    [{ next: { href: '/x' } }, 'next.label', 'required'],
    [{ celebrate: 'fireworks' }, 'celebrate', 'expected one of confetti, toast, none'],
    [{ value: 10 }, 'value', 'expected an object'],
    [{ value: {} }, 'value.per', 'required'],
    [{ value: { per: 0 } }, 'value.per', 'expected a positive number'],
    [{ value: { per: '10' } }, 'value.per', 'expected a positive number'],
    [{ value: { per: 1, unit: 'days' } }, 'value.unit', 'expected one of minutes, hours'],
    [{ value: { per: 1, rate: -1 } }, 'value.rate', 'expected a non-negative number'],
    [{ value: { per: 1, currency: 'usd' } }, 'value.currency', 'expected a 3-letter currency code'],
    [{ value: { per: 1, currency: 'USDX' } }, 'value.currency', 'expected a 3-letter currency code'],
    [{ benchmark: { typicalDays: -1 } }, 'benchmark.typicalDays', 'expected a non-negative number'],
    [{ benchmark: { percentile: 101 } }, 'benchmark.percentile', 'expected a number from 0 to 100'],
    [{ benchmark: { percentile: -0.5 } }, 'benchmark.percentile', 'expected a number from 0 to 100'],
    [{ segment: 'pro' }, 'segment', 'expected an object'],
    [{ segment: { plan: { in: ['pro'] } } }, 'segment.plan', 'expected a string, number, boolean or null'],
    [{ segment: { plan: ['pro', ['x']] } }, 'segment.plan[1]', 'expected a string, number, boolean or null'],
    [{ scope: 'team' }, 'scope', 'expected one of user, account'],
  ])('rejects %j at %s', (over, path, message) => {
    const r = one(over);
    expect(r.errors).toEqual([issue(`milestones[0].${path}`, message)]);
    expect(r.milestones).toEqual([]);
  });

  it.each([
    { description: '' },
    ...['onboarding', 'value', 'adoption', 'growth', 'advocacy'].map((stage) => ({ stage })),
    { requires: [] },
    { due: '30m' },
    { due: '12h' },
    { due: '2w' },
    { badge: { name: 'B' } },
    { next: { label: 'Go' } },
    ...['confetti', 'toast', 'none'].map((celebrate) => ({ celebrate })),
    { value: { per: 0.5 } },
    { value: { per: 2, unit: 'hours', rate: 0, currency: 'EUR' } },
    { benchmark: {} },
    { benchmark: { typicalDays: 0, percentile: 0 } },
    { benchmark: { percentile: 100 } },
    { segment: { plan: 'pro', seats: 3, beta: true, legacy: null, tier: ['a', 1, false, null], none: [] } },
    { scope: 'user' },
    { scope: 'account' },
  ])('accepts %j', (over) => {
    expect(one(over)).toMatchObject({ valid: true, errors: [], warnings: [] });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\nscript:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'mailto:a@example.com',
    'ftp://example.com',
    'https:example.com',
    5,
  ])('rejects the next.href %j', (href) => {
    expect(one({ next: { label: 'Go', href } }).errors).toEqual([
      issue('milestones[0].next.href', 'expected an http(s) or relative URL'),
    ]);
  });

  it.each([
    'https://example.com/x',
    'http://example.com',
    'HTTPS://EXAMPLE.COM',
    '/automations/new',
    './a',
    '../a',
    '?tab=2',
    '#top',
    'settings/team',
    '/a:b',
    '',
  ])('accepts the next.href %j', (href) => {
    expect(one({ next: { label: 'Go', href } }).valid).toBe(true);
  });

  it('warns about unknown keys with a "did you mean" hint, and keeps the milestone', () => {
    const r = one({
      titel: 'x',
      stge: 'value',
      badge: { name: 'B', icn: 'x' },
      next: { label: 'Go', hrf: '/' },
      value: { per: 1, units: 'hours' },
      benchmark: { percentil: 5 },
      banana: 1,
    });
    expect(r.valid).toBe(true);
    expect(r.milestones).toHaveLength(1);
    expect(r.warnings).toEqual([
      issue('milestones[0].badge.icn', 'unknown key "icn" (did you mean "icon"?)'),
      issue('milestones[0].next.hrf', 'unknown key "hrf" (did you mean "href"?)'),
      issue('milestones[0].value.units', 'unknown key "units" (did you mean "unit"?)'),
      issue('milestones[0].benchmark.percentil', 'unknown key "percentil" (did you mean "percentile"?)'),
      issue('milestones[0].titel', 'unknown key "titel" (did you mean "title"?)'),
      issue('milestones[0].stge', 'unknown key "stge" (did you mean "stage"?)'),
      issue('milestones[0].banana', 'unknown key "banana"'),
    ]);
  });
});

describe('validateDefinitions: rules', () => {
  it('reports the contract example path', () => {
    const list = [ms({ id: 'a' }), ms({ id: 'b' }), ms({ id: 'c' }), ms({ id: 'd', rule: { event: 'e', count: 0 } })];
    expect(validateDefinitions({ milestones: list }).errors).toEqual([
      issue('milestones[3].rule.count', 'expected a positive integer'),
    ]);
  });

  it.each([
    [{ event: 'e' }],
    [{ event: 'e', count: 10 }],
    [{ event: 'e', sum: 'amount', gte: 0.5 }],
    [{ event: 'e', distinct: 'feature', gte: 5 }],
    [{ event: 'e', streak: 366 }],
    [{ event: 'e', count: 1, within: '14d', last: '7d' }],
    [{ event: 'e', where: { plan: 'pro', seats: 3, beta: true, legacy: null } }],
    [
      {
        event: 'e',
        where: { amount: { gt: 1, gte: 1, lt: 9, lte: 9, ne: 5, eq: 6, in: [1, 'a', null], exists: true } },
      },
    ],
    [{ event: 'e', where: { tags: { eq: ['a'], ne: { x: 1 } } } }],
    [{ all: [{ event: 'a' }, { any: [{ event: 'b' }, { event: 'c', count: 2 }] }] }],
    [{ any: [{ event: 'a' }] }],
  ])('accepts %j', (r) => {
    expect(rule(r)).toMatchObject({ valid: true, errors: [], warnings: [] });
  });

  it.each([
    [{ event: 'e', count: 0 }, 'rule.count', 'expected a positive integer'],
    [{ event: 'e', count: -1 }, 'rule.count', 'expected a positive integer'],
    [{ event: 'e', count: 1.5 }, 'rule.count', 'expected a positive integer'],
    [{ event: 'e', count: '3' }, 'rule.count', 'expected a positive integer'],
    [{ event: 'e', count: Infinity }, 'rule.count', 'expected a positive integer'],
    [{ event: '' }, 'rule.event', 'expected a non-empty string'],
    [{ event: 5 }, 'rule.event', 'expected a non-empty string'],
    [{ event: 'e', sum: 'amount' }, 'rule.gte', 'required'],
    [{ event: 'e', sum: '', gte: 5 }, 'rule.sum', 'expected a non-empty string'],
    [{ event: 'e', sum: 'amount', gte: 0 }, 'rule.gte', 'expected a positive number'],
    [{ event: 'e', sum: 'amount', gte: NaN }, 'rule.gte', 'expected a positive number'],
    [{ event: 'e', distinct: 'feature' }, 'rule.gte', 'required'],
    [{ event: 'e', distinct: 'feature', gte: 1.5 }, 'rule.gte', 'expected a positive integer'],
    [{ event: 'e', distinct: 7, gte: 2 }, 'rule.distinct', 'expected a non-empty string'],
    [{ event: 'e', streak: 0 }, 'rule.streak', 'expected an integer from 1 to 366'],
    [{ event: 'e', streak: 367 }, 'rule.streak', 'expected an integer from 1 to 366'],
    [{ event: 'e', streak: 2.5 }, 'rule.streak', 'expected an integer from 1 to 366'],
    [{ event: 'e', gte: 5 }, 'rule.gte', 'expected only with sum or distinct'],
    [{ event: 'e', count: 2, gte: 5 }, 'rule.gte', 'expected only with sum or distinct'],
    [{ event: 'e', streak: 2, gte: 5 }, 'rule.gte', 'expected only with sum or distinct'],
    [{ event: 'e', count: 2, sum: 'amount', gte: 1 }, 'rule', 'expected count or sum, not both'],
    [{ event: 'e', distinct: 'a', streak: 3, gte: 1 }, 'rule', 'expected distinct or streak, not both'],
    [{ event: 'e', within: '14 days' }, 'rule.within', 'expected a duration like "14d" (m, h, d or w)'],
    [{ event: 'e', last: 7 }, 'rule.last', 'expected a duration like "14d" (m, h, d or w)'],
    [{ event: 'e', where: 'plan=pro' }, 'rule.where', 'expected an object'],
    [
      { event: 'e', where: { plan: ['pro'] } },
      'rule.where.plan',
      'expected a string, number, boolean, null or operators',
    ],
    [{ event: 'e', where: { amount: { gte: '10' } } }, 'rule.where.amount.gte', 'expected a number'],
    [{ event: 'e', where: { amount: { lt: null } } }, 'rule.where.amount.lt', 'expected a number'],
    [{ event: 'e', where: { plan: { in: 'pro' } } }, 'rule.where.plan.in', 'expected an array'],
    [{ event: 'e', where: { plan: { exists: 'yes' } } }, 'rule.where.plan.exists', 'expected true or false'],
    [
      { event: 'e', where: { amount: { gtee: 10 } } },
      'rule.where.amount.gtee',
      'unknown operator "gtee" (did you mean "gte"?)',
    ],
    [{ event: 'e', where: { amount: { between: [1, 2] } } }, 'rule.where.amount.between', 'unknown operator "between"'],
    [{ all: [] }, 'rule.all', 'expected a non-empty array'],
    [{ any: {} }, 'rule.any', 'expected a non-empty array'],
    [{ all: [{ event: 'a' }], any: [{ event: 'b' }] }, 'rule', 'expected all or any, not both'],
    [{ milestones: [] }, 'rule.milestones', 'expected a non-empty array'],
    [{ milestones: ['Bad'] }, 'rule.milestones[0]', 'expected an id: 1-64 of a-z 0-9 _ -'],
    [{ all: [{ event: 'a' }, 5] }, 'rule.all[1]', RULE_MSG],
    [{ any: [{ all: [{ event: 'a', streak: 0 }] }] }, 'rule.any[0].all[0].streak', 'expected an integer from 1 to 366'],
    [
      { all: [{ event: 'a' }, { event: 'b', where: { amount: { gte: 'x' } } }] },
      'rule.all[1].where.amount.gte',
      'expected a number',
    ],
    [5, 'rule', RULE_MSG],
    [null, 'rule', RULE_MSG],
    [[], 'rule', RULE_MSG],
    [{}, 'rule', RULE_MSG],
    [{ count: 3 }, 'rule', RULE_MSG],
    [new Date(0), 'rule', RULE_MSG],
  ])('rejects %j at %s', (r, path, message) => {
    const result = rule(r);
    expect(result.errors).toContainEqual(issue(`milestones[0].${path}`, message));
    expect(result.milestones).toEqual([]);
  });

  it('reports each problem in a rule', () => {
    expect(rule({ event: '', count: 0, within: 'x' }).errors).toEqual([
      issue('milestones[0].rule.event', 'expected a non-empty string'),
      issue('milestones[0].rule.count', 'expected a positive integer'),
      issue('milestones[0].rule.within', 'expected a duration like "14d" (m, h, d or w)'),
    ]);
  });

  it('rejects a definition with an unknown key in its rule, with a hint, at nested paths', () => {
    // `{ event, cuont: 3 }` would otherwise be `{ event }`: achieved after one event instead of three.
    const r = rule({
      all: [
        { event: 'e', cuont: 3 },
        { event: 'f', withn: '7d' },
      ],
      note: 'x',
    });
    expect(r.valid).toBe(false);
    expect(r.milestones).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.errors).toEqual([
      issue('milestones[0].rule.all[0].cuont', 'unknown rule key "cuont" (did you mean "count"?)'),
      issue('milestones[0].rule.all[1].withn', 'unknown rule key "withn" (did you mean "within"?)'),
      issue('milestones[0].rule.note', 'unknown rule key "note"'),
    ]);
    expect(rule({ event: 'e', cuont: 10 }).errors).toEqual([
      issue('milestones[0].rule.cuont', 'unknown rule key "cuont" (did you mean "count"?)'),
    ]);
  });

  it('keeps unknown keys outside rules as warnings', () => {
    const r = one({ badge: { name: 'B', colour: 'red' }, notes: 'x' });
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['milestones[0].badge.colour', 'milestones[0].notes']);
  });
});

describe('validateDefinitions: references and cycles', () => {
  const ids = (r: { milestones: { id: string }[] }) => r.milestones.map((m) => m.id);

  it('accepts references to milestones later in the input', () => {
    const r = validateDefinitions([ms({ id: 'b', requires: ['a'], rule: { milestones: ['a'] } }), ms({ id: 'a' })]);
    expect(r.valid).toBe(true);
    expect(ids(r)).toEqual(['b', 'a']);
  });

  it('rejects a milestone that names an unknown one, keeping the others', () => {
    const r = validateDefinitions([
      ms({ id: 'a' }),
      ms({ id: 'b', requires: ['a', 'nope'] }),
      ms({ id: 'c', rule: { all: [{ event: 'e' }, { milestones: ['ghost'] }] } }),
    ]);
    expect(r.errors).toEqual([
      issue('milestones[1].requires[1]', 'unknown milestone "nope"'),
      issue('milestones[2].rule.all[1].milestones[0]', 'unknown milestone "ghost"'),
    ]);
    expect(ids(r)).toEqual(['a']);
  });

  it('rejects what depends on an invalid milestone, transitively and in any order', () => {
    const r = validateDefinitions([
      ms({ id: 'd', requires: ['c'] }),
      ms({ id: 'c', rule: { milestones: ['b'] } }),
      ms({ id: 'b', stage: 'nope' }),
      ms({ id: 'e' }),
    ]);
    expect(r.errors).toEqual([
      issue('milestones[0].requires[0]', 'invalid milestone "c"'),
      issue('milestones[1].rule.milestones[0]', 'invalid milestone "b"'),
      issue('milestones[2].stage', 'expected one of onboarding, value, adoption, growth, advocacy'),
    ]);
    expect(ids(r)).toEqual(['e']);
  });

  it('reports an unknown id in a milestone that has other errors too, with a hint', () => {
    const r = validateDefinitions([
      ms({ id: 'first-project' }),
      ms({ id: 'b', title: '', requires: ['frist-project'] }),
    ]);
    expect(r.errors).toEqual([
      issue('milestones[1].title', 'expected a non-empty string'),
      issue('milestones[1].requires[0]', 'unknown milestone "frist-project" (did you mean "first-project"?)'),
    ]);
  });

  it('reports errors in the order of the file: milestones by index, then levels', () => {
    const list = Array.from({ length: 12 }, (_, i) => ms({ id: `m${i}` }));
    list[10] = ms({ id: 'm10', title: '' });
    list[2] = ms({ id: 'm2', requires: ['nope'] });
    const r = validateDefinitions({ milestones: list, levels: [{ id: 'l', title: '', milestones: ['m0'] }] });
    expect(r.errors.map((e) => e.path)).toEqual([
      'milestones[2].requires[0]',
      'milestones[10].title',
      'levels[0].title',
    ]);
  });

  it('reports a duplicate id on the later milestone and keeps the first', () => {
    const first = ms({ id: 'a' });
    const r = validateDefinitions([first, ms({ id: 'b', requires: ['a'] }), ms({ id: 'a', title: 'Again' })]);
    expect(r.errors).toEqual([issue('milestones[2].id', 'duplicate id "a"')]);
    expect(r.milestones[0]).toBe(first);
    expect(ids(r)).toEqual(['a', 'b']);
  });

  it('reports a cycle through requires on each milestone in it, naming the cycle', () => {
    const r = validateDefinitions([
      ms({ id: 'a', requires: ['b'] }),
      ms({ id: 'b', requires: ['a'] }),
      ms({ id: 'c' }),
    ]);
    expect(r.errors).toEqual([
      issue('milestones[0].requires[0]', 'forms a cycle: a → b → a'),
      issue('milestones[1].requires[0]', 'forms a cycle: b → a → b'),
    ]);
    expect(ids(r)).toEqual(['c']);
  });

  it('reports a milestone that requires itself', () => {
    expect(one({ requires: ['a'] }).errors).toEqual([issue('milestones[0].requires[0]', 'forms a cycle: a → a')]);
  });

  it('finds cycles through milestones rules, and rejects what depends on them', () => {
    const r = validateDefinitions([
      ms({ id: 'a', rule: { any: [{ event: 'e' }, { milestones: ['b'] }] } }),
      ms({ id: 'b', requires: ['c'] }),
      ms({ id: 'c', rule: { milestones: ['a'] } }),
      ms({ id: 'd', requires: ['b'] }),
    ]);
    expect(r.errors).toEqual([
      issue('milestones[0].rule.any[1].milestones[0]', 'forms a cycle: a → b → c → a'),
      issue('milestones[1].requires[0]', 'forms a cycle: b → c → a → b'),
      issue('milestones[2].rule.milestones[0]', 'forms a cycle: c → a → b → c'),
      issue('milestones[3].requires[0]', 'invalid milestone "b"'),
    ]);
    expect(r.milestones).toEqual([]);
  });

  it('rejects every milestone of a long cycle', () => {
    const list = Array.from({ length: 12 }, (_, i) => ms({ id: `m${i}`, requires: [`m${(i + 1) % 12}`] }));
    const r = validateDefinitions(list);
    expect(r.milestones).toEqual([]);
    expect(r.errors).toHaveLength(12);
    expect(r.errors.every((e, i) => e.path === `milestones[${i}].requires[0]`)).toBe(true);
  });
});

describe('validateDefinitions: levels', () => {
  const base = [ms({ id: 'a' }), ms({ id: 'b' }), ms({ id: 'bad', rule: { event: 'e', count: -1 } })];
  const lv = (over: Record<string, unknown> = {}) => ({ id: 'l', title: 'L', milestones: ['a', 'b'], ...over });
  const levels = (...list: unknown[]) => validateDefinitions({ milestones: base, levels: list });

  it('accepts valid levels and returns them as given', () => {
    const l1 = lv({ badge: { name: 'B', icon: '⭐' }, sequential: false });
    const l2 = lv({ id: 'l2', milestones: ['b'], sequential: true });
    const r = levels(l1, l2);
    expect(r.levels).toEqual([l1, l2]);
    expect(r.levels[0]).toBe(l1);
  });

  it.each([
    [{ id: 'Level 1' }, 'id', 'expected an id: 1-64 of a-z 0-9 _ -'],
    [{ title: '' }, 'title', 'expected a non-empty string'],
    [{ milestones: [] }, 'milestones', 'expected a non-empty array'],
    [{ milestones: 'a' }, 'milestones', 'expected a non-empty array'],
    [{ milestones: ['a', 'nope'] }, 'milestones[1]', 'unknown milestone "nope"'],
    [{ milestones: ['bad'] }, 'milestones[0]', 'invalid milestone "bad"'],
    [{ sequential: 'yes' }, 'sequential', 'expected true or false'],
    [{ badge: { icon: 'x' } }, 'badge.name', 'required'],
  ])('rejects %j at %s', (over, path, message) => {
    const r = levels(lv(over), lv({ id: 'ok' }));
    expect(r.errors).toContainEqual(issue(`levels[0].${path}`, message));
    expect(r.levels.map((l) => l.id)).toEqual(['ok']);
  });

  it.each(['id', 'title', 'milestones'])('requires %s', (key) => {
    const l: Record<string, unknown> = lv();
    delete l[key];
    expect(levels(l).errors).toContainEqual(issue(`levels[0].${key}`, 'required'));
  });

  it('reports a duplicate level id on the later level', () => {
    const r = levels(lv(), lv({ title: 'Again' }));
    expect(r.errors).toContainEqual(issue('levels[1].id', 'duplicate id "l"'));
    expect(r.levels).toHaveLength(1);
  });

  it('warns about unknown level keys with a hint', () => {
    const r = levels(lv({ sequental: true }));
    expect(r.levels).toHaveLength(1);
    expect(r.warnings).toEqual([issue('levels[0].sequental', 'unknown key "sequental" (did you mean "sequential"?)')]);
  });
});

describe('validateDefinitions: one by one', () => {
  it('returns the valid milestones in input order, as the same objects, without defaults', () => {
    const a = ms({ id: 'a' });
    const c = ms({ id: 'c', rule: { event: 'e', sum: 'amount', gte: 5 } });
    const snapshot = JSON.stringify([a, c]);
    const r = validateDefinitions([a, ms({ id: 'b', title: '' }), c, 'junk', ms({ id: 'd', due: 'soon' })]);
    expect(r.valid).toBe(false);
    expect(r.errors.map((e) => e.path)).toEqual(['milestones[1].title', 'milestones[3]', 'milestones[4].due']);
    expect(r.milestones).toHaveLength(2);
    expect(r.milestones[0]).toBe(a);
    expect(r.milestones[1]).toBe(c);
    expect(JSON.stringify(r.milestones)).toBe(snapshot);
  });

  it('is valid with warnings only', () => {
    const r = one({ colour: 'red' });
    expect(r.valid).toBe(true);
    expect(r.warnings).toHaveLength(1);
  });
});

describe('validateDefinitions: hostile input never throws', () => {
  it('rejects a cyclic object, keeping the other milestones', () => {
    const cyclic: Record<string, unknown> = ms({ id: 'x' });
    cyclic.self = cyclic;
    const r = validateDefinitions([cyclic, ms({ id: 'b' })]);
    expect(r.errors).toEqual([issue('milestones[0]', 'expected plain JSON')]);
    expect(r.milestones.map((m) => m.id)).toEqual(['b']);
  });

  it('rejects a rule that contains itself', () => {
    const loop: Record<string, unknown> = { all: [] };
    (loop.all as unknown[]).push(loop);
    expect(rule(loop).errors).toEqual([issue('milestones[0]', 'expected plain JSON')]);
  });

  it('rejects a milestone whose getter throws', () => {
    const m = ms();
    Object.defineProperty(m, 'title', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    const r = validateDefinitions([m, ms({ id: 'b' })]);
    expect(r.errors).toEqual([issue('milestones[0]', 'expected plain JSON')]);
    expect(r.milestones).toHaveLength(1);
  });

  it('survives a non-enumerable throwing getter and a throwing top-level getter', () => {
    const m = ms();
    Object.defineProperty(m, 'due', {
      enumerable: false,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(() => validateDefinitions([m])).not.toThrow();
    const root = {};
    Object.defineProperty(root, 'milestones', {
      enumerable: true,
      get: () => {
        throw new Error('boom');
      },
    });
    expect(validateDefinitions(root).errors).toEqual([issue('', 'expected plain JSON')]);
  });

  it('survives proxies whose every trap throws', () => {
    const boom = () => {
      throw new Error('boom');
    };
    const evil = new Proxy(
      {},
      { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom },
    );
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const input of [
      evil,
      proxy,
      [evil],
      [proxy],
      { milestones: [ms({ rule: evil })] },
      { milestones: [ms()], levels: [evil] },
    ])
      expect(validateDefinitions(input).valid).toBe(false);
  });

  it('rejects values JSON cannot hold', () => {
    expect(rule({ event: 'e', where: { n: { eq: 10n } } }).errors).toEqual([
      issue('milestones[0]', 'expected plain JSON'),
    ]);
    expect(one({ badge: new Map() }).errors).toEqual([issue('milestones[0].badge', 'expected an object')]);
    expect(one({ segment: { since: new Date(0) } }).errors).toEqual([
      issue('milestones[0].segment.since', 'expected a string, number, boolean or null'),
    ]);
  });

  it('survives absurdly deep nesting', () => {
    let deep: unknown = { event: 'e' };
    for (let i = 0; i < 20_000; i++) deep = { all: [deep] };
    const r = rule(deep);
    expect(r.valid).toBe(false);
    expect(r.errors[0].path).toBe('milestones[0]');
  });

  it('handles 100k junk elements', () => {
    const r = validateDefinitions(new Array(100_000).fill(7));
    expect(r.errors).toHaveLength(100_000);
    expect(r.errors[99_999]).toEqual(issue('milestones[99999]', 'expected an object'));
  });

  it('handles a 100k-long requires chain in reverse order in linear time', () => {
    const list = Array.from({ length: 100_000 }, (_, i) =>
      ms({ id: `m${i}`, requires: i ? [`m${i - 1}`] : [] }),
    ).reverse();
    const r = validateDefinitions({ milestones: list });
    expect(r.valid).toBe(true);
    expect(r.milestones).toHaveLength(100_000);
    // 100k definitions: on a busy machine this takes longer than the default 5 s; what it proves is the result.
  }, 60_000);

  it('rejects a 100k-long cycle without blowing up', () => {
    const list = Array.from({ length: 100_000 }, (_, i) => ms({ id: `m${i}`, requires: [`m${(i + 1) % 100_000}`] }));
    const r = validateDefinitions(list);
    expect(r.milestones).toEqual([]);
    expect(r.errors).toHaveLength(100_000);
    // 100k definitions: on a busy machine this takes longer than the default 5 s; what it proves is the result.
  }, 60_000);
});
