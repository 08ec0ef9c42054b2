import type { WaymarkError } from '../types';
import type { TransportResponse, WireEvent } from './types';

// A backend refusing a whole batch one event at a time should cost a few errors, not hundreds.
const MAX_REPORTS = 10;

/**
 * Reads the `rejected: [{ id, reason }]` of a 2xx answer to `POST /v1/batch` and reports `event_rejected` for each
 * event of `events` it names (at most 10, then one line for the rest). The caller drops them with the accepted ones:
 * a refused event is never sent again. An answer that is not JSON, or has no such list, rejects nothing.
 *
 * @example
 * await reportRejected(response, events, report); // then outbox.ack(events)
 */
export async function reportRejected(
  res: TransportResponse,
  events: WireEvent[],
  report: (error: WaymarkError) => void,
) {
  let list: unknown;
  try {
    list = ((await res.json()) as { rejected?: unknown } | null)?.rejected;
  } catch {
    return;
  }
  if (!Array.isArray(list)) return;
  const byId = new Map(events.map((event) => [event.id, event]));
  let count = 0;
  for (const item of list) {
    const event = item && typeof item === 'object' ? byId.get((item as { id?: unknown }).id as string) : undefined;
    if (!event) continue;
    count++;
    if (count > MAX_REPORTS) continue;
    const reason = String((item as { reason?: unknown }).reason ?? 'no reason given').slice(0, 200);
    report({
      code: 'event_rejected',
      message: `the backend rejected event ${event.id} ("${event.name ?? event.type}"): ${reason}; dropped it`,
    });
  }
  if (count > MAX_REPORTS)
    report({
      code: 'event_rejected',
      message: `the backend rejected ${count - MAX_REPORTS} more events of that batch; dropped them`,
    });
}
