import { parseDuration } from 'waymark/engine';
import type { ConfigIssue } from '../config/ConfigError';
import type { Definitions } from '../config/types';

/** What a trigger waits for: one condition (`within` goes with `achievedAtLeast`). */
export interface TriggerWhen {
  /** At least this many achievements in the window `within` that ends now. */
  achievedAtLeast?: number;
  within?: string;
  /** No achievement for this long (since the last one, or the start). */
  quietFor?: string;
  /** Fewer achievements than the median subject of the same age (at least 5 compared). */
  behindPace?: true;
  /** This milestone achieved, or (scope user) this level completed. */
  achieved?: string;
  /** This many achievements in all. */
  achievedTotal?: number;
}

/** A trigger as written in a project's configuration (`triggers`). */
export interface TriggerConfig {
  /** Unique in the project, `[a-z0-9_-]`. */
  id: string;
  /** Whom it watches: each user, or each account (counted as the accounts list counts). Default `user`. */
  scope?: 'user' | 'account';
  when: TriggerWhen;
  /** Free text for people reading the configuration and the dashboard. */
  description?: string;
}

export type TriggerKind = 'achievedAtLeast' | 'quietFor' | 'behindPace' | 'achieved' | 'achievedTotal';

/** A checked trigger, with its durations in ms. */
export interface Trigger {
  id: string;
  scope: 'user' | 'account';
  kind: TriggerKind;
  when: TriggerWhen;
  description?: string;
  /** achievedAtLeast, achievedTotal. */
  count?: number;
  /** achievedAtLeast: the window; quietFor: the quiet period. */
  ms?: number;
  /** achieved: a milestone's id, or a level's. */
  achievedId?: string;
}

const ID = /^[a-z0-9_-]{1,100}$/;
const KINDS: TriggerKind[] = ['achievedAtLeast', 'quietFor', 'behindPace', 'achieved', 'achievedTotal'];
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const positiveInteger = (x: unknown) => Number.isInteger(x) && (x as number) > 0;

/** One trigger, or undefined with its problems in `issues`. */
function readTrigger(
  input: unknown,
  path: string,
  issues: ConfigIssue[],
  ids?: { milestones: Set<string>; levels: Set<string> },
): Trigger | undefined {
  const problem = (field: string, message: string) => issues.push({ path: field ? `${path}.${field}` : path, message });
  if (!isObject(input))
    return void problem(
      '',
      'expected an object like { "id": "check-in", "scope": "account", "when": { "quietFor": "30d" } }',
    );
  const before = issues.length;
  for (const key of Object.keys(input))
    if (!['id', 'scope', 'when', 'description'].includes(key))
      problem(key, 'unknown field (expected id, scope, when, description)');
  if (typeof input.id !== 'string' || !ID.test(input.id)) problem('id', 'expected 1 to 100 characters of a-z 0-9 _ -');
  if (input.scope !== undefined && input.scope !== 'user' && input.scope !== 'account')
    problem('scope', 'expected "user" or "account"');
  if (input.description !== undefined && typeof input.description !== 'string')
    problem('description', 'expected a string');
  const when = input.when;
  if (!isObject(when)) {
    problem('when', `expected an object with one of ${KINDS.join(', ')}`);
    return undefined;
  }
  for (const key of Object.keys(when))
    if (!KINDS.includes(key as TriggerKind) && key !== 'within')
      problem(
        `when.${key}`,
        `unknown condition (expected one of ${KINDS.join(', ')}, and within with achievedAtLeast)`,
      );
  const kinds = KINDS.filter((k) => k in when);
  if (kinds.length !== 1)
    problem('when', `expected exactly one of ${KINDS.join(', ')}${kinds.length ? `, got ${kinds.join(' and ')}` : ''}`);
  const kind = kinds[0];
  const trigger: Trigger = {
    id: String(input.id),
    scope: input.scope === 'account' ? 'account' : 'user',
    kind,
    when: when as TriggerWhen,
    ...(typeof input.description === 'string' && { description: input.description }),
  };
  if ('within' in when && kind !== 'achievedAtLeast') problem('when.within', 'goes with achievedAtLeast only');
  if (kind === 'achievedAtLeast') {
    if (!positiveInteger(when.achievedAtLeast)) problem('when.achievedAtLeast', 'expected a positive integer');
    trigger.count = when.achievedAtLeast as number;
    trigger.ms = parseDuration(when.within as never);
    if (trigger.ms === undefined) problem('when.within', 'expected a duration like "30d" (the window, ending now)');
  } else if (kind === 'achievedTotal') {
    if (!positiveInteger(when.achievedTotal)) problem('when.achievedTotal', 'expected a positive integer');
    trigger.count = when.achievedTotal as number;
  } else if (kind === 'quietFor') {
    trigger.ms = parseDuration(when.quietFor as never);
    if (trigger.ms === undefined) problem('when.quietFor', 'expected a duration like "30d"');
  } else if (kind === 'behindPace') {
    if (when.behindPace !== true) problem('when.behindPace', 'expected true');
  } else if (kind === 'achieved') {
    if (typeof when.achieved !== 'string' || !/^[a-z0-9_-]+$/.test(when.achieved))
      problem('when.achieved', 'expected a milestone id or a level id');
    else if (ids && !ids.milestones.has(when.achieved)) {
      if (!ids.levels.has(when.achieved))
        problem('when.achieved', `no milestone or level "${when.achieved}" in this project's definitions`);
      // An account's standing is its milestones; levels are completed by each user.
      else if (trigger.scope === 'account')
        problem('when.achieved', `"${when.achieved}" is a level, which users complete: use "scope": "user"`);
    }
    trigger.achievedId = when.achieved as string;
  }
  return issues.length === before ? trigger : undefined;
}

/**
 * Checks a project's `triggers` (readConfig calls it): each with an id unique in the project, a scope and exactly one
 * condition, every problem reported with its path (`projects[0].triggers[1].when.within: expected a duration like
 * "30d"…`), so a server never starts with a trigger that would silently never fire. A milestone named by `achieved`
 * must exist when the configuration carries the definitions.
 *
 * @example
 * const triggers = readTriggers([{ id: 'check-in', scope: 'account', when: { quietFor: '30d' } }], 'projects[0].triggers', issues);
 */
export function readTriggers(
  value: unknown,
  path: string,
  issues: ConfigIssue[],
  definitions?: Definitions,
): Trigger[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.push({ path, message: 'expected an array of triggers' });
    return [];
  }
  const ids = definitions && {
    milestones: new Set(definitions.milestones.map((m) => m.id)),
    levels: new Set((definitions.levels ?? []).map((l) => l.id)),
  };
  const triggers: Trigger[] = [];
  value.forEach((input, i) => {
    const trigger = readTrigger(input, `${path}[${i}]`, issues, ids);
    if (!trigger) return;
    if (triggers.some((t) => t.id === trigger.id))
      issues.push({ path: `${path}[${i}].id`, message: `"${trigger.id}" is the id of an earlier trigger` });
    else triggers.push(trigger);
  });
  return triggers;
}
