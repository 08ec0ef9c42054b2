// The definitions both benchmarks track against: a mix of every rule type, each definition on its own event,
// so a tracked event matches few of them.
export const benchDefinitions = (n) =>
  Array.from({ length: n }, (_, i) => {
    const event = `event_${i}`;
    const rules = [
      { event, count: 10 },
      { event, sum: 'amount', gte: 1e12 },
      { event, distinct: 'feature', gte: 5 },
      { event, streak: 5 },
      { event, count: 1e9, where: { plan: 'pro', amount: { gte: 10 } } },
      { event, count: 1e9, last: '7d' },
    ];
    return { id: `m${i}`, title: `Milestone ${i}`, rule: rules[i % rules.length] };
  });
