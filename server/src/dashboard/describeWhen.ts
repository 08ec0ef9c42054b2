import type { TriggerWhen } from '../triggers/readTriggers';

/**
 * A trigger's condition in words, for the dashboard's table.
 *
 * @example
 * describeWhen({ achievedAtLeast: 3, within: '30d' }); // '3 or more milestones within 30d'
 */
export function describeWhen(when: TriggerWhen): string {
  const parts: string[] = [];
  if (when.achievedAtLeast !== undefined)
    parts.push(`${when.achievedAtLeast} or more milestones within ${when.within ?? '–'}`);
  if (when.quietFor !== undefined) parts.push(`no milestone for ${when.quietFor}`);
  if (when.behindPace) parts.push('slower than the typical pace');
  if (when.achieved !== undefined) parts.push(`achieved ${when.achieved}`);
  if (when.achievedTotal !== undefined) parts.push(`${when.achievedTotal} milestones in all`);
  return parts.join(', ') || JSON.stringify(when);
}
