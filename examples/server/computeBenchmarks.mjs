// Benchmarks from the server's own data: for each milestone, the day by which typical people
// reach it, and where one person stands among peers.

const DAY = 864e5;

/**
 * `typicalDays`: the median time from a person's start to the milestone, rounded up to whole days
 * (day 1 is the first day). `percentile`: of the peers who have been around at least as long as
 * this person took, the share (0..100) who had not reached it by then: "faster than 80% of users".
 * A milestone achieved by fewer than `minPeople` people gets no benchmark, so that no one's pace is exposed.
 *
 * @example
 * const benchmarks = computeBenchmarks(progress, 'u:42', Date.now(), 5);
 * // { 'ten-tasks': { typicalDays: 4, percentile: 80 } }
 *
 * @param {{ starts: Map<string, number>, achieved: { subject: string, id: string, at: number }[] }} progress
 * @param {string | undefined} subject the person asking, if known
 * @param {number} now
 * @param {number} minPeople
 * @returns {Record<string, { typicalDays?: number, percentile?: number }>}
 */
export function computeBenchmarks({ starts, achieved }, subject, now, minPeople) {
  /** @type {Map<string, Map<string, number>>} milestone id -> subject -> days taken */
  const byMilestone = new Map();
  for (const a of achieved) {
    const start = starts.get(a.subject);
    if (start === undefined) continue;
    const days = byMilestone.get(a.id) ?? byMilestone.set(a.id, new Map()).get(a.id);
    days.set(a.subject, Math.max(0, a.at - start) / DAY);
  }
  const out = {};
  for (const [id, days] of byMilestone) {
    if (days.size < minPeople) continue;
    const sorted = [...days.values()].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    const benchmark = (out[id] = { typicalDays: Math.max(1, Math.ceil(median)) });
    const mine = subject === undefined ? undefined : days.get(subject);
    if (mine === undefined) continue;
    let peers = 0;
    let slower = 0;
    for (const [other, start] of starts) {
      if (other === subject || other.startsWith('acct:') || (now - start) / DAY < mine) continue;
      peers++;
      const theirs = days.get(other);
      if (theirs === undefined || theirs > mine) slower++;
    }
    if (peers >= minPeople - 1 && peers > 0) benchmark.percentile = Math.round((100 * slower) / peers);
  }
  return out;
}
