import { checkValue, stringProblem } from './checkValue';

/** An event as the wire protocol sends it, once checked. Timestamps are epoch ms. */
export interface IncomingEvent {
  id: string;
  type: 'track' | 'identify' | 'group' | 'achieved';
  name?: string;
  properties?: Record<string, unknown>;
  userId?: string;
  anonymousId: string;
  accountId?: string;
  timestamp: number;
}

const TYPES = new Set(['track', 'identify', 'group', 'achieved']);
const MAX_PROPERTIES_BYTES = 32_768;
// Accepted range of client timestamps. Outside it: refused. Inside it but implausible for this user: clamped later.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);
const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const text = (value: unknown, field: string, max: number, required: boolean): string | undefined => {
  if (value === undefined || value === null) return required ? `${field}: required` : undefined;
  if (typeof value !== 'string' || !value.length || value.length > max)
    return `${field}: expected a string of 1 to ${max} characters`;
  const problem = stringProblem(value);
  return problem ? `${field}: ${problem}` : undefined;
};

/** Strict ISO 8601 with a zone: Date.parse takes February 30th and years PostgreSQL refuses. */
export const parseTimestamp = (value: unknown): number | string => {
  const m = typeof value === 'string' ? ISO.exec(value) : null;
  if (!m) return 'expected an ISO 8601 timestamp with a time zone, like 2026-11-02T09:00:00.000Z';
  const [, y, mo, d, h, mi, s = '0'] = m;
  const day = new Date(Date.UTC(+y, +mo - 1, +d));
  if (
    day.getUTCFullYear() !== +y ||
    day.getUTCMonth() !== +mo - 1 ||
    day.getUTCDate() !== +d ||
    +h > 23 ||
    +mi > 59 ||
    +s > 60
  )
    return 'not a real date and time';
  const t = Date.parse(value as string);
  if (!Number.isFinite(t) || t < EARLIEST || t > LATEST) return 'out of range (1970 to 9999)';
  return t;
};

/**
 * Checks one event of a batch. Answers the event (`timestamp` as epoch ms), or the reason it is refused, naming the
 * field. A refused event is refused alone: the rest of its batch is stored.
 *
 * @example
 * readEvent({ id: 'e1', type: 'track', name: 'task_completed', anonymousId: 'a1', timestamp: '2026-11-02T09:00:00Z' });
 */
export function readEvent(input: unknown): IncomingEvent | { reason: string } {
  if (!isObject(input)) return { reason: 'expected an object' };
  const e = input;
  const problem =
    text(e.id, 'id', 100, true) ??
    (TYPES.has(e.type as string) ? undefined : 'type: expected track, identify, group or achieved') ??
    text(e.name, 'name', 200, e.type === 'track' || e.type === 'achieved') ??
    text(e.anonymousId, 'anonymousId', 200, true) ??
    text(e.userId, 'userId', 200, false) ??
    text(e.accountId, 'accountId', 200, e.type === 'group') ??
    (e.properties === undefined || e.properties === null || isObject(e.properties)
      ? undefined
      : 'properties: expected an object') ??
    (e.properties ? checkValue(e.properties, 'properties') : undefined);
  if (problem) return { reason: problem };
  if (e.properties && JSON.stringify(e.properties).length > MAX_PROPERTIES_BYTES)
    return { reason: `properties: larger than ${MAX_PROPERTIES_BYTES} bytes` };
  const timestamp = parseTimestamp(e.timestamp);
  if (typeof timestamp === 'string') return { reason: `timestamp: ${timestamp}` };
  return {
    id: e.id as string,
    type: e.type as IncomingEvent['type'],
    name: (e.name ?? undefined) as string | undefined,
    properties: (e.properties ?? undefined) as Record<string, unknown> | undefined,
    userId: (e.userId ?? undefined) as string | undefined,
    anonymousId: e.anonymousId as string,
    accountId: (e.accountId ?? undefined) as string | undefined,
    timestamp,
  };
}
