import type { JsonValue, Properties } from '../types';

/**
 * Whether traits match a milestone's `segment`: each key's trait is its value or one of its values.
 *
 * @example
 * matchesSegment({ plan: ['pro', 'team'] }, { plan: 'pro' }); // true
 */
export function matchesSegment(segment: Record<string, JsonValue | JsonValue[]>, traits: Properties): boolean {
  return Object.entries(segment).every(([key, allowed]) =>
    (Array.isArray(allowed) ? allowed : [allowed]).some((value) => value === traits[key]),
  );
}
