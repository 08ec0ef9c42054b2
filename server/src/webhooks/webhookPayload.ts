import { createHash } from 'node:crypto';
import type { Notification, NotificationType } from '../notify/createNotifier';

/** The JSON body of every webhook waymark-server sends. */
export interface WebhookPayload {
  type: NotificationType;
  /** When it happened (ISO 8601, the server's product time). */
  timestamp: string;
  data: {
    projectKey: string;
    userId?: string;
    accountId?: string;
    milestoneId?: string;
    levelId?: string;
    triggerId?: string;
    /** For `milestone.achieved` and `level.completed`. */
    achievedAt?: string;
  };
}

/**
 * The body sent for a notification, in a fixed key order (it is signed as it is stored).
 *
 * @example
 * webhookPayload({ type: 'milestone.achieved', projectKey: 'pk', at: 0, userId: 'u1', milestoneId: 'm', key: '…' });
 * // { type: 'milestone.achieved', timestamp: '1970-01-01T00:00:00.000Z', data: { projectKey: 'pk', userId: 'u1', milestoneId: 'm', achievedAt: '1970-…' } }
 */
export function webhookPayload(n: Notification): WebhookPayload {
  const at = new Date(n.at).toISOString();
  const achieved = n.type === 'milestone.achieved' || n.type === 'level.completed';
  return {
    type: n.type,
    timestamp: at,
    data: {
      projectKey: n.projectKey,
      ...(n.userId !== undefined && { userId: n.userId }),
      ...(n.accountId !== undefined && { accountId: n.accountId }),
      ...(n.milestoneId !== undefined && { milestoneId: n.milestoneId }),
      ...(n.levelId !== undefined && { levelId: n.levelId }),
      ...(n.triggerId !== undefined && { triggerId: n.triggerId }),
      ...(achieved && { achievedAt: at }),
    },
  };
}

/**
 * The `webhook-id` of a notification: derived from the project and the notification's key, so it is the same on every
 * retry, every endpoint, and even if the notification were published again (receivers deduplicate on it).
 *
 * @example
 * messageId('pk_demo', 'milestone.achieved:u:42:ten-tasks'); // 'msg_…' (24 characters after the prefix)
 */
export const messageId = (projectKey: string, key: string) =>
  `msg_${createHash('sha256').update(`${projectKey}\u0000${key}`).digest('base64url').slice(0, 24)}`;
