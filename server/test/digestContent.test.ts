import { afterEach, describe, expect, it } from 'vitest';
import { digestContent } from '../src/email/digestContent';
import { DAY } from './helpers';

// The digest's window is (from, to]: `from` the last digest, `to` the run that sends this one (the clock).
const HOUR = 36e5;
const milestone = { id: 'first', title: 'First project', status: 'achieved' as const } as never;
const digest = (from: number, to: number) =>
  digestContent({ brand: 'Acme', from, to, mine: [milestone], team: { milestones: [], teammates: [] } });
const zone = process.env.TZ;

describe('the digest names the days of its window', () => {
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('a week names 7 days: Monday 10:00 to Monday 10:00 is Monday to Sunday, across a month and a DST change', () => {
    // US clocks went back on Sunday, Nov 1 2026; the week also crosses from October into November.
    const to = Date.UTC(2026, 10, 2, 10);
    expect(digest(to - 7 * DAY, to).eyebrow).toBe('Your week in Acme · Oct 26 – Nov 1');
  });

  it('the next week starts the day after: no day is in two digests', () => {
    const from = Date.UTC(2026, 10, 2, 10);
    expect(digest(from, from + 7 * DAY).eyebrow).toBe('Your week in Acme · Nov 2 – Nov 8');
  });

  it('sent in the evening, a week ends on the day it is sent (the window holds most of that day)', () => {
    // Across Europe's change of clocks (Sunday, Oct 25 2026).
    const to = Date.UTC(2026, 9, 28, 20);
    expect(digest(to - 7 * DAY, to).eyebrow).toBe('Your week in Acme · Oct 22 – Oct 28');
  });

  it('a window longer than a week names the days it spans, up to the day of a late achievement', () => {
    // Due since Monday 10:00, nothing new until Monday evening: sent at 20:05, the day it was reached.
    const from = Date.UTC(2026, 9, 26, 10);
    expect(digest(from, Date.UTC(2026, 10, 2, 20, 5)).eyebrow).toBe('Your week in Acme · Oct 26 – Nov 2');
    const since = digest(Date.UTC(2026, 9, 3, 9), Date.UTC(2026, 10, 2, 10));
    expect(since.eyebrow).toBe('Your progress in Acme · Oct 3 – Nov 1');
    expect(since.subject).toBe('Since Oct 3 you ✅ First project');
  });

  it('the same days whatever the server’s own time zone', () => {
    const to = Date.UTC(2026, 10, 2, 10);
    for (const tz of ['America/New_York', 'Europe/Berlin', 'Pacific/Auckland']) {
      process.env.TZ = tz;
      expect(digest(to - 7 * DAY, to).eyebrow, tz).toBe('Your week in Acme · Oct 26 – Nov 1');
      expect(digest(to - 7 * DAY + 10 * HOUR, to + 10 * HOUR).eyebrow, tz).toBe('Your week in Acme · Oct 27 – Nov 2');
    }
  });
});
