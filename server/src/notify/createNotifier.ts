import type { Query } from '../db/types';

/** What the server tells the outside about: webhooks and emails are made from these. */
export type NotificationType = 'milestone.achieved' | 'level.completed' | 'milestone.overdue' | 'trigger.fired';

/** One thing that happened, verified. */
export interface Notification {
  type: NotificationType;
  projectKey: string;
  /** When it happened (product time), epoch ms. */
  at: number;
  userId?: string;
  accountId?: string;
  milestoneId?: string;
  levelId?: string;
  triggerId?: string;
  /**
   * Unique within the project for this happening (`milestone.achieved:u:42:ten-tasks`): consumers store what they
   * make of it under this key, so a notification published twice (a job run again after a crash) is acted on once.
   */
  key: string;
}

/** Acts on a notification inside the transaction that published it: what it enqueues commits with it, or not at all. */
export type Consumer = (query: Query, notification: Notification) => Promise<void>;

/**
 * The server's notification bus. Verification publishes achievements, completed levels and overdue milestones;
 * triggers publish `trigger.fired`; webhooks and email subscribe. Publishing runs every consumer in the publisher's
 * transaction, so a notification and the deliveries it causes are stored together.
 *
 * @example
 * const notifier = createNotifier();
 * const off = notifier.subscribe(async (query, n) => { await query('insert …', [n.key]) });
 * await notifier.publish(query, { type: 'milestone.achieved', projectKey: 'pk', at: Date.now(), userId: 'u1', milestoneId: 'm', key: 'milestone.achieved:u:u1:m' });
 */
export function createNotifier() {
  const consumers = new Set<Consumer>();
  return {
    subscribe(consumer: Consumer) {
      consumers.add(consumer);
      return () => void consumers.delete(consumer);
    },
    async publish(query: Query, notification: Notification) {
      for (const consumer of consumers) await consumer(query, notification);
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
