import { describe, expect, it } from 'vitest';
import { DAY, engineFixture, ms } from './engine.helpers';

describe('requires', () => {
  it('stays locked until prerequisites are achieved, counts meanwhile, then achieves at once', () => {
    const f = engineFixture([
      ms({ event: 'project' }, { id: 'first-project' }),
      ms({ event: 'task', count: 2 }, { id: 'two-tasks', requires: ['first-project'] }),
    ]);
    f.track('task');
    f.track('task');
    expect(f.state('two-tasks')).toMatchObject({ status: 'locked', current: 2, lockedBy: ['first-project'] });
    expect(f.ids('achieved')).toEqual([]);
    f.track('project');
    expect(f.events.map((e) => `${e.event}:${e.id}`)).toEqual([
      'progress:two-tasks',
      'progress:two-tasks',
      'progress:first-project',
      'achieved:first-project',
      'unlocked:two-tasks',
      'achieved:two-tasks',
    ]);
  });

  it('fires unlocked when the rule is not yet met', () => {
    const f = engineFixture([ms({ event: 'a' }, { id: 'a' }), ms({ event: 'b' }, { id: 'b', requires: ['a'] })]);
    f.track('a');
    expect(f.ids('unlocked')).toEqual(['b']);
    expect(f.state('b')).toMatchObject({ status: 'active' });
    expect(f.state('b')!.lockedBy).toBeUndefined();
  });
});

describe('levels', () => {
  const defs = [
    ms({ event: 'a' }, { id: 'a' }),
    ms({ event: 'b' }, { id: 'b' }),
    ms({ event: 'c' }, { id: 'c' }),
    ms({ event: 'd' }, { id: 'd' }),
  ];
  const levels = [
    { id: 'one', title: 'Getting started', milestones: ['a', 'b'], badge: { name: 'Organized' } },
    { id: 'two', title: 'Momentum', milestones: ['c', 'd'], sequential: true },
  ];

  it('locks a sequential level until the previous one is complete', () => {
    const f = engineFixture(defs, levels);
    f.track('c');
    expect(f.state('c')).toMatchObject({ status: 'locked', lockedBy: ['one'], level: 'two', current: 1 });
    expect(f.engine.levels()).toEqual([
      {
        id: 'one',
        title: 'Getting started',
        achieved: 0,
        total: 2,
        ratio: 0,
        complete: false,
        milestones: ['a', 'b'],
        locked: false,
        badge: { name: 'Organized' },
      },
      {
        id: 'two',
        title: 'Momentum',
        achieved: 0,
        total: 2,
        ratio: 0,
        complete: false,
        milestones: ['c', 'd'],
        locked: true,
      },
    ]);
    f.track('a');
    f.track('b');
    expect(f.ids('achieved')).toEqual(['a', 'b', 'c']);
    expect(f.ids('unlocked')).toEqual(['c', 'd']);
    expect(f.engine.levels().map((l) => [l.achieved, l.complete, l.locked])).toEqual([
      [2, true, false],
      [1, false, false],
    ]);
  });
});

describe('due and stalled', () => {
  it('turns overdue when the due date passes, fires stalled once, remembered', () => {
    const start = Date.parse('2026-11-02T09:00:00');
    const f = engineFixture([ms({ event: 'invite' }, { id: 'invite', due: '3d' })], [], { start });
    expect(f.state('invite')).toMatchObject({ status: 'active', due: start + 3 * DAY });
    f.advance(3 * DAY - 1);
    f.engine.tick();
    expect(f.ids('stalled')).toEqual([]);
    f.advance(1);
    f.engine.tick();
    f.engine.tick();
    expect(f.events.filter((e) => e.event === 'stalled')).toEqual([
      { event: 'stalled', id: 'invite', status: 'overdue', info: { reason: 'overdue' } },
    ]);
    expect(f.state('invite')!.status).toBe('overdue');
    // A reload: the same document in a fresh engine does not fire again.
    const g = engineFixture([ms({ event: 'invite' }, { id: 'invite', due: '3d' })], [], { start: f.now() });
    g.engine.load(structuredClone(f.engine.doc()));
    g.engine.tick();
    expect(g.ids('stalled')).toEqual([]);
    f.track('invite');
    expect(f.state('invite')!.status).toBe('achieved');
  });

  it('checks due dates on track, and locked wins over overdue', () => {
    const start = Date.parse('2026-11-02T09:00:00');
    const f = engineFixture(
      [
        ms({ event: 'a' }, { id: 'a' }),
        ms({ event: 'b' }, { id: 'b', requires: ['a'], due: '1d' }),
        ms({ event: 'c' }, { id: 'c', due: '1d' }),
      ],
      [],
      { start },
    );
    f.advance(2 * DAY);
    f.track('unrelated');
    expect(f.ids('stalled')).toEqual(['c']);
    expect(f.state('b')!.status).toBe('locked');
    f.track('a');
    expect(f.ids('stalled')).toEqual(['c', 'b']);
    expect(f.state('b')!.status).toBe('overdue');
  });

  it('fires a quiet-period stalled once per quiet period', () => {
    const f = engineFixture([ms({ event: 'a' }, { id: 'a' }), ms({ event: 'b' }, { id: 'b' })], [], {
      stalledAfter: 30 * DAY,
    });
    f.advance(30 * DAY);
    f.engine.tick();
    f.engine.tick();
    expect(f.events.filter((e) => e.event === 'stalled')).toEqual([
      { event: 'stalled', id: 'a', status: 'active', info: { reason: 'quiet' } },
    ]);
    f.track('a');
    f.advance(29 * DAY);
    f.engine.tick();
    expect(f.ids('stalled')).toEqual(['a']);
    f.advance(DAY);
    f.engine.tick();
    expect(f.ids('stalled')).toEqual(['a', 'b']);
  });
});

describe('segment', () => {
  it('hides milestones from users whose traits do not match, and from level totals', () => {
    const defs = [
      ms({ event: 'a' }, { id: 'all' }),
      ms({ event: 'a' }, { id: 'pro', segment: { plan: ['pro', 'enterprise'] } }),
    ];
    const f = engineFixture(defs, [{ id: 'l', title: 'L', milestones: ['all', 'pro'] }]);
    expect(f.engine.milestones().map((m) => m.id)).toEqual(['all']);
    expect(f.engine.levels()[0].total).toBe(1);
    f.track('a');
    expect(f.ids('achieved')).toEqual(['all']);
    f.engine.setTraits({ plan: 'enterprise' });
    expect(f.engine.milestones().map((m) => m.id)).toEqual(['all', 'pro']);
    expect(f.ids('achieved')).toEqual(['all', 'pro']);
    expect(f.engine.levels()[0]).toMatchObject({ total: 2, achieved: 2, complete: true });
  });
});

describe('replacing definitions', () => {
  it('keeps progress when titles change or milestones are added, and achievements when rules change', () => {
    const f = engineFixture([ms({ event: 'task', count: 3 }, { id: 'tasks' }), ms({ event: 'x' }, { id: 'x' })]);
    f.track('task');
    f.track('task');
    f.track('x');
    f.engine.define(
      [
        ms({ event: 'task', count: 3 }, { id: 'tasks', title: 'Renamed' }),
        ms({ event: 'x', count: 50 }, { id: 'x' }),
        ms({ event: 'task', count: 2 }, { id: 'new' }),
      ],
      [],
    );
    expect(f.state('tasks')).toMatchObject({ title: 'Renamed', current: 2, status: 'active' });
    // Achieved stays achieved, and shows the (new) target reached: current at least target.
    expect(f.state('x')).toMatchObject({ status: 'achieved', current: 50, target: 50, ratio: 1 });
    expect(f.state('new')!.status).toBe('achieved');
    expect(f.ids('achieved')).toEqual(['x', 'new']);
  });
});

describe('value (ROI)', () => {
  it('gives units, time and money saved', () => {
    const f = engineFixture([
      ms(
        { event: 'ticket', count: 500 },
        { id: 'roi', value: { per: 10, unit: 'minutes', rate: 30, currency: 'USD' } },
      ),
    ]);
    for (let i = 0; i < 12; i++) f.track('ticket');
    expect(f.state('roi')!.value).toEqual({ units: 12, minutesSaved: 120, moneySaved: 60, currency: 'USD' });
  });
});

describe('incremental evaluation', () => {
  it('shares one leaf between rules reading the same events, so state grows with rules, not events', () => {
    const f = engineFixture([
      ms({ event: 'task', count: 1 }, { id: 'first' }),
      ms({ event: 'task', count: 10 }, { id: 'ten' }),
      ms({ event: 'task', count: 100 }, { id: 'hundred' }),
    ]);
    for (let i = 0; i < 1000; i++) f.track('task');
    expect(f.engine.doc().leaves).toEqual({ [Object.keys(f.engine.doc().leaves)[0]]: { n: 1000 } });
    expect(f.ids('achieved')).toEqual(['first', 'ten', 'hundred']);
  });
});

describe('a completed level', () => {
  it('stays complete, and its successor unlocked, when a milestone is added to it later', () => {
    const a = ms({ event: 'a' }, { id: 'a' });
    const b = ms({ event: 'b' }, { id: 'b' });
    const c = ms({ event: 'c' }, { id: 'c' });
    const levels = (first: string[]) => [
      { id: 'one', title: 'One', milestones: first },
      { id: 'two', title: 'Two', milestones: ['c'], sequential: true },
    ];
    const f = engineFixture([a, b, c], levels(['a']));
    f.track('a');
    expect(f.engine.levels()[0]).toMatchObject({ complete: true, achieved: 1, total: 1 });
    f.engine.define([a, b, c], levels(['a', 'b']));
    expect(f.engine.levels()[0]).toMatchObject({ complete: true, achieved: 1, total: 2 });
    expect(f.engine.levels()[1].locked).toBe(false);
    expect(f.state('c')!.status).toBe('active');
    expect(f.state('b')!.status).toBe('active');
  });
});

describe('a milestone achieved elsewhere', () => {
  it('shows ratio 1 and current at least target, whatever this device counted (another device, the backend, account scope)', () => {
    const f = engineFixture([
      ms({ event: 'task', count: 10 }, { id: 'count' }),
      ms({ event: 'pay', sum: 'amount', gte: 1000 }, { id: 'sum' }),
      ms({ event: 'used', distinct: 'feature', gte: 3 }, { id: 'distinct' }),
      ms({ event: 'deal', count: 100 }, { id: 'team', scope: 'account' }),
    ]);
    f.track('task');
    f.track('task');
    const at = f.now() - DAY;
    f.engine.mergeAchieved({ count: at, sum: at, distinct: at, team: at });
    expect(
      ['count', 'sum', 'distinct', 'team']
        .map((id) => f.state(id))
        .map((m) => [m!.id, m!.status, m!.current, m!.target, m!.ratio]),
    ).toEqual([
      ['count', 'achieved', 10, 10, 1],
      ['sum', 'achieved', 1000, 1000, 1],
      ['distinct', 'achieved', 3, 3, 1],
      ['team', 'achieved', 100, 100, 1],
    ]);
    // What this device counts beyond the target still shows (ROI lines grow with it).
    for (let i = 0; i < 10; i++) f.track('task');
    expect(f.state('count')).toMatchObject({ current: 12, ratio: 1 });
  });
});
