/** A milestone that passed the schema, with the milestone ids it names. */
export interface CheckedItem {
  /** The element as given: it passed the schema, so it is a definition. */
  v: unknown;
  id: string;
  /** The milestone ids it names, with their paths. */
  refs: [string, string][];
  /** References not yet accepted. */
  n: number;
  /** The milestones that name this one. */
  d: CheckedItem[];
}

/**
 * The milestones whose references are all accepted, in linear time and without recursion (Kahn's algorithm); each
 * of the rest names an unknown or invalid milestone, or sits in or behind a cycle, and is reported at its first
 * unaccepted reference (a cycle of up to 10 milestones is named whole). Returns the ids accepted.
 *
 * @example
 * const done = acceptMilestones(items, (path, message) => errors.push({ path, message }), describeRef);
 */
export function acceptMilestones(
  ms: CheckedItem[],
  report: (path: string, message: string) => void,
  refMessage: (id: string) => string,
): Set<string> {
  const done = new Set<string>();
  const byId = new Map(ms.map((m) => [m.id, m]));
  const queue = ms.filter((m) => !m.n);
  for (const m of ms) for (const [r] of m.refs) byId.get(r)?.d.push(m);
  for (const m of queue) {
    done.add(m.id);
    for (const d of m.d) {
      d.n--;
      if (!d.n) queue.push(d);
    }
  }
  // Follow the first unaccepted reference a few steps to tell. Longer cycles report their next milestone as invalid.
  const next = (m: CheckedItem) => m.refs.find(([r]) => !done.has(r))!;
  for (const m of ms)
    if (!done.has(m.id)) {
      const [r, p] = next(m);
      const ids = [m.id];
      let x = byId.get(r);
      while (x && x !== m && ids.push(x.id) < 10) x = byId.get(next(x)[0]);
      report(p, x === m ? `forms a cycle: ${ids.join(' → ')} → ${m.id}` : refMessage(r));
    }
  return done;
}
