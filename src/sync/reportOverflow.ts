import type { OutboxState } from './OutboxState';

/**
 * Reports that the outbox dropped its `dropped` oldest events, being full.
 *
 * @example
 * if (dropped > 0) reportOverflow(outbox, dropped);
 */
export const reportOverflow = (outbox: OutboxState, dropped: number): void =>
  outbox.options_.report({
    code: 'queue_overflow',
    message: `outbox full (${outbox.options_.maxQueue} events): dropped the ${dropped} oldest`,
  });
