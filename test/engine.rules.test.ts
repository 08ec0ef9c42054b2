import { describe, expect, it } from 'vitest';
import { DAY, engineFixture, HOUR, ms } from './engine.helpers';

describe('count', () => {
  it('achieves at the target once, and keeps counting after', () => {
    const f = engineFixture([ms({ event: 'task_completed', count: 3 }, { id: 'three' })]);
    f.track('task_completed');
    f.track('task_completed');
    expect(f.state('three')).toMatchObject({ status: 'active', current: 2, target: 3 });
    expect(f.state('three')!.ratio).toBeCloseTo(2 / 3);
    f.track('task_completed');
    f.track('task_completed');
    expect(f.state('three')).toMatchObject({ status: 'achieved', current: 4, ratio: 1, achievedAt: f.now() });
    expect(f.ids('achieved')).toEqual(['three']);
    expect(f.ids('progress')).toEqual(['three', 'three', 'three']);
  });

  it('defaults to one occurrence', () => {
    const f = engineFixture([ms({ event: 'project_created' }, { id: 'first' })]);
    f.track('project_created');
    expect(f.state('first')!.status).toBe('achieved');
  });

  it('reports an unknown event once and changes nothing', () => {
    const f = engineFixture([ms({ event: 'a' })]);
    f.track('nope');
    f.track('nope');
    expect(f.errors).toEqual([{ code: 'unknown_event', message: 'no milestone listens for "nope"' }]);
    expect(f.changes()).toBe(1); // the initial define only
  });
});

describe('where', () => {
  it('filters by literal and by each operator', () => {
    const f = engineFixture([
      ms({ event: 'pay', where: { plan: 'pro', amount: { gte: 10, lt: 100 } } }, { id: 'pro' }),
      ms(
        { event: 'pay', where: { tag: { in: ['a', 'b'] }, note: { exists: false }, kind: { ne: 'x' } } },
        { id: 'tag' },
      ),
      ms({ event: 'pay', where: { n: { gt: 1, lte: 2 }, obj: { eq: { k: 1 } } } }, { id: 'deep' }),
    ]);
    f.track('pay', { plan: 'pro', amount: 5 });
    f.track('pay', { plan: 'free', amount: 50 });
    f.track('pay', { plan: 'pro', amount: 100 });
    f.track('pay', { tag: 'c' });
    f.track('pay', { tag: 'a', note: 'hi' });
    f.track('pay', { tag: 'a', kind: 'x' });
    f.track('pay', { n: 2, obj: { k: 2 } });
    expect(f.ids('achieved')).toEqual([]);
    f.track('pay', { plan: 'pro', amount: 10 });
    f.track('pay', { tag: 'b' });
    f.track('pay', { n: 2, obj: { k: 1 } });
    expect(f.ids('achieved')).toEqual(['pro', 'tag', 'deep']);
  });
});

describe('sum', () => {
  it('adds finite numbers only', () => {
    const f = engineFixture([ms({ event: 'paid', sum: 'amount', gte: 1000 }, { id: 'k' })]);
    for (const amount of [400, '500', NaN, Infinity, null, 300]) f.track('paid', { amount });
    expect(f.state('k')).toMatchObject({ current: 700, status: 'active' });
    f.track('paid', { amount: 300.5 });
    expect(f.state('k')).toMatchObject({ current: 1000.5, status: 'achieved' });
  });
});

describe('distinct', () => {
  it('counts distinct values, capped at the target', () => {
    const f = engineFixture([ms({ event: 'used', distinct: 'feature', gte: 3 }, { id: 'd' })]);
    for (const feature of ['kanban', 'kanban', 'gantt', undefined, 'gantt']) f.track('used', { feature });
    expect(f.state('d')).toMatchObject({ current: 2, target: 3 });
    f.track('used', { feature: 'docs' });
    f.track('used', { feature: 'wiki' });
    expect(f.state('d')).toMatchObject({ current: 3, status: 'achieved' });
    expect(Object.keys(f.engine.doc().leaves).length).toBe(1);
    expect(Object.keys(Object.values(f.engine.doc().leaves)[0].v!)).toHaveLength(3);
  });
});

describe('streak', () => {
  it('counts consecutive local days and drops to 0 after a whole missed day', () => {
    const f = engineFixture([ms({ event: 'login', streak: 3 }, { id: 's' })], [], {
      start: Date.parse('2026-11-02T09:00:00'),
    });
    f.track('login');
    f.advance(HOUR);
    f.track('login'); // same day
    expect(f.state('s')!.current).toBe(1);
    f.advance(DAY);
    f.track('login');
    expect(f.state('s')!.current).toBe(2);
    f.advance(DAY); // next day, no event yet: the run still counts
    f.engine.tick();
    expect(f.state('s')!.current).toBe(2);
    f.advance(DAY); // a whole day passed without it
    f.engine.tick();
    expect(f.state('s')!.current).toBe(0);
    f.track('login');
    expect(f.state('s')).toMatchObject({ current: 1, status: 'active' });
  });

  it('achieves on the target day and stays achieved when the run breaks', () => {
    const f = engineFixture([ms({ event: 'login', streak: 2 }, { id: 's' })]);
    f.track('login');
    f.advance(DAY);
    f.track('login');
    expect(f.ids('achieved')).toEqual(['s']);
    f.advance(5 * DAY);
    f.engine.tick();
    // The run is over, but achieved shows the target reached (current at least target), not "✓ 0 / 2".
    expect(f.state('s')).toMatchObject({ status: 'achieved', current: 2, target: 2, ratio: 1 });
  });

  it('extends the run backwards with a backdated event from the day before it', () => {
    const f = engineFixture([ms({ event: 'login', streak: 3 }, { id: 's' })]);
    f.track('login');
    f.advance(DAY);
    f.track('login');
    f.track('login', {}, f.now() - 2 * DAY);
    expect(f.ids('achieved')).toEqual(['s']);
  });
});

describe('within', () => {
  it('only counts events in the first N since the user started, backdated ones by their time', () => {
    const start = Date.parse('2026-11-01T12:00:00');
    const f = engineFixture([ms({ event: 'task', count: 2, within: '7d' }, { id: 'w' })], [], { start });
    f.set(start + 10 * DAY);
    f.track('task'); // day 10: outside
    f.track('task', {}, start + 8 * DAY); // backdated, still outside
    expect(f.state('w')!.current).toBe(0);
    f.track('task', {}, start + 2 * DAY); // backdated into the window
    f.track('task', {}, start + 7 * DAY - 1);
    expect(f.state('w')).toMatchObject({ current: 2, status: 'achieved', achievedAt: start + 7 * DAY - 1 });
  });
});

describe('last', () => {
  it('counts a rolling window that forgets old events', () => {
    const f = engineFixture([ms({ event: 'task', count: 3, last: '7d' }, { id: 'l' })]);
    const t0 = f.now();
    f.track('task');
    f.track('task', {}, t0 - 8 * DAY); // older than the window: ignored
    f.advance(3 * DAY);
    f.track('task');
    expect(f.state('l')!.current).toBe(2);
    f.advance(5 * DAY); // the first event is now 8 days old
    f.engine.tick();
    expect(f.state('l')!.current).toBe(1);
    f.track('task');
    f.track('task');
    expect(f.state('l')).toMatchObject({ current: 3, status: 'achieved' });
  });

  it('keeps distinct values in the window, replacing the stalest past the cap', () => {
    const f = engineFixture([ms({ event: 'used', distinct: 'f', gte: 2, last: '2d' }, { id: 'l' })]);
    f.track('used', { f: 'a' });
    f.advance(3 * DAY);
    f.track('used', { f: 'b' });
    expect(f.state('l')!.current).toBe(1);
    f.track('used', { f: 'c' });
    expect(f.state('l')!.status).toBe('achieved');
  });

  it('stores buckets under their start, and leaves the ones out of the window behind when a new one opens', () => {
    const f = engineFixture([ms({ event: 'task', count: 9, last: '3d' }, { id: 'l' })]);
    const dayStart = (t: number) => Math.floor(t / DAY) * DAY;
    const t0 = f.now();
    f.track('task');
    f.track('task');
    f.advance(DAY);
    f.track('task');
    const leaf = () => Object.values(f.engine.doc().leaves)[0];
    expect(leaf()).toEqual({ n: 3, b: { [dayStart(t0)]: 2, [dayStart(t0 + DAY)]: 1 } });
    f.advance(3 * DAY); // the first day's bucket has left the window; the second's has not
    f.track('task');
    expect(leaf()).toEqual({ n: 4, b: { [dayStart(t0 + DAY)]: 1, [dayStart(t0 + 4 * DAY)]: 1 } });
    expect(Object.keys(leaf().b!)).toEqual([String(dayStart(t0 + DAY)), String(dayStart(t0 + 4 * DAY))]);
    expect(f.state('l')!.current).toBe(2);
  });

  it('uses hour buckets for short windows', () => {
    const f = engineFixture([ms({ event: 'e', sum: 'x', gte: 10, last: '3h' }, { id: 'h' })]);
    f.track('e', { x: 6 });
    f.advance(4 * HOUR);
    f.track('e', { x: 6 });
    expect(f.state('h')).toMatchObject({ current: 6, status: 'active' });
  });
});

describe('combinations', () => {
  it('all, any and milestones', () => {
    const f = engineFixture([
      ms({ all: [{ event: 'a' }, { event: 'b', count: 2 }] }, { id: 'all' }),
      ms(
        {
          any: [
            { event: 'c', count: 4 },
            { event: 'd', count: 2 },
          ],
        },
        { id: 'any' },
      ),
      ms({ milestones: ['all', 'any'] }, { id: 'both' }),
    ]);
    f.track('a');
    f.track('b');
    expect(f.state('all')).toMatchObject({ current: 1, target: 2 });
    f.track('b');
    f.track('d');
    expect(f.state('any')).toMatchObject({ current: 1, target: 2 });
    expect(f.state('both')).toMatchObject({ current: 1, target: 2, status: 'active' });
    f.track('d');
    expect(f.ids('achieved')).toEqual(['all', 'any', 'both']);
  });
});
