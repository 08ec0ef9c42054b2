// The definitions the benchmarks track against: a mix of every rule type. By default each definition is on its own
// event, so a tracked event matches few of them; with `perEvent`, each event is read by that many definitions
// (`event_0` by m0…m9 with 10), the "200 definitions, 10 matching per event".
export const benchDefinitions = (n, perEvent = 1) =>
  Array.from({ length: n }, (_, i) => {
    const event = `event_${Math.floor(i / perEvent)}`;
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
