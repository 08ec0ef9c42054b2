// Checks a `POST /v1/batch` body against the wire protocol (docs/protocol.md).
// Answers the first problem as "path: message", the path naming the field, or undefined when valid.

const TYPES = ['track', 'identify', 'group', 'achieved'];
const isObject = (x) => typeof x === 'object' && x !== null && !Array.isArray(x);
const isText = (x, max = 200) => typeof x === 'string' && x.length > 0 && x.length <= max;
// Stricter than Date.parse, which takes February 30th: PostgreSQL would refuse it and fail the whole batch.
const isTime = (x) => {
  const m = typeof x === 'string' && /^(\d{4})-(\d\d)-(\d\d)T\d\d:\d\d/.exec(x);
  const day = m && new Date(Date.UTC(+m[1], m[2] - 1, +m[3]));
  return !!day && day.getUTCDate() === +m[3] && day.getUTCMonth() === m[2] - 1 && Number.isFinite(Date.parse(x));
};

/**
 * @example
 * validateBatch({ projectKey: 'pk', events: [{}] }); // 'events[0].id: expected a string of 1 to 100 characters'
 *
 * @param {unknown} body the parsed JSON
 * @param {{ maxEvents?: number }} [options]
 * @returns {string | undefined}
 */
export function validateBatch(body, { maxEvents = 1000 } = {}) {
  if (!isObject(body)) return 'body: expected a JSON object';
  if (!isText(body.projectKey)) return 'projectKey: expected a string of 1 to 200 characters';
  if (body.sentAt != null && !isTime(body.sentAt)) return 'sentAt: expected an ISO 8601 timestamp';
  const events = body.events;
  if (!Array.isArray(events) || events.length === 0 || events.length > maxEvents)
    return `events: expected an array of 1 to ${maxEvents} events`;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const at = `events[${i}]`;
    if (!isObject(e)) return `${at}: expected an object`;
    if (!isText(e.id, 100)) return `${at}.id: expected a string of 1 to 100 characters`;
    if (!TYPES.includes(e.type)) return `${at}.type: expected one of ${TYPES.join(', ')}`;
    if (e.name != null ? !isText(e.name) : e.type === 'track' || e.type === 'achieved')
      return `${at}.name: expected a string of 1 to 200 characters${e.type === 'achieved' ? ' (the milestone id)' : ''}`;
    if (!isText(e.anonymousId)) return `${at}.anonymousId: expected a string of 1 to 200 characters`;
    if (e.userId != null && !isText(e.userId)) return `${at}.userId: expected a string of 1 to 200 characters`;
    if (e.accountId != null ? !isText(e.accountId) : e.type === 'group')
      return `${at}.accountId: expected a string of 1 to 200 characters`;
    if (e.properties != null && !isObject(e.properties)) return `${at}.properties: expected an object`;
    if (!isTime(e.timestamp)) return `${at}.timestamp: expected an ISO 8601 timestamp`;
  }
}
