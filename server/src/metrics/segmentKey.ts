import type { JsonValue, MilestoneDefinition } from 'waymark/engine';

/**
 * The SQL that picks a subject's segment traits out of its engine state (`doc`), as one JSON object, for the trait
 * names `keys` given as parameters from `$first` on: `jsonb_build_object($5::text, doc->'traits'->$5::text, …)`.
 * Grouping by it gives one row per combination of those traits, whatever the number of subjects.
 *
 * @example
 * segmentSql(['plan'], 5, 's.'); // "jsonb_build_object($5::text, s.doc->'traits'->$5::text)"
 */
export const segmentSql = (keys: string[], first: number, alias = '') =>
  keys.length
    ? `jsonb_build_object(${keys.map((_, i) => `$${first + i}::text, ${alias}doc->'traits'->$${first + i}::text`).join(', ')})`
    : `'{}'::jsonb`;

/**
 * Whether subjects with these segment traits are shown the milestone (the engine's rule: every segment key's allowed
 * values include the trait's; a trait the subject does not have is taken as null here).
 *
 * @example
 * inSegment({ id: 'm', title: 'M', rule: { event: 'e' }, segment: { plan: ['pro'] } }, { plan: 'pro' }); // true
 */
export const inSegment = (milestone: MilestoneDefinition, traits: Record<string, JsonValue>) =>
  !milestone.segment ||
  Object.entries(milestone.segment).every(([key, allowed]) =>
    (Array.isArray(allowed) ? allowed : [allowed]).some((a) => a === (traits[key] ?? null)),
  );
