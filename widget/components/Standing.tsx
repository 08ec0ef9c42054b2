import type { OverallState } from 'waymark';
import type { Format } from '../strings';
import type { Ctx } from './ctx';

/**
 * The backend's comparisons of this user with others, only where they are true and kind: ahead of most
 * (percentile 50 or more), or at or past the pace of teams at the same age.
 *
 * @example
 * standingLines(t, { percentile: 80, typicalAtThisAge: 3, achieved: 4 });
 * // ["You're ahead of 80% of teams overall", "Most teams at your stage have 3 milestones by now; you have 4"]
 */
export const standingLines = (t: Format, o: OverallState | undefined): string[] => {
  if (!o) return [];
  const lines: string[] = [];
  if (typeof o.percentile === 'number' && o.percentile >= 50)
    lines.push(t('overallAhead', { percent: t.pct(o.percentile) }));
  const typical = o.typicalAtThisAge;
  if (typeof typical === 'number' && typical > 0 && o.achieved >= typical)
    lines.push(t('overallPace', { typical, achieved: o.achieved }));
  return lines;
};

/**
 * The standing lines under the panel's summary, when the backend sent any.
 *
 * @example
 * <Standing c={c} />
 */
export const Standing = ({ c }: { c: Ctx }) => {
  const lines = standingLines(c.t, c.s.overall.value);
  return lines.length ? (
    <ul class="sd">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  ) : null;
};
