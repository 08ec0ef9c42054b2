import { hashText } from './hashText';
import type { SessionContext } from './SessionContext';
import { wireEvent } from './wireEvent';
import type { MilestoneState } from '../types';
import type { Sync } from '../sync/types';

/**
 * Sends an achievement to the backend once, by one tab: every tab that sees it claims the sending (whichever tab's
 * events completed it), and the one claim that succeeds enqueues it, under one id per user and milestone. What the
 * backend said was achieved (a pull being applied) is not sent back. Loaded with the sync (`connectSync`).
 *
 * @example
 * context.sendAchievement_ = (m) => sendAchievement(context, sync, m);
 */
export function sendAchievement(context: SessionContext, sync: Sync, m: MilestoneState): void {
  if (context.merging_) return;
  const e = wireEvent(context, 'achieved', m.id, undefined, m.achievedAt);
  e.id = 'a.' + hashText(context.users_.docKey_() + '\n' + m.id);
  context.users_.claimSend_(m.id).then(
    (mine) => mine && sync.enqueue(e),
    (error) => context.report_({ code: 'storage_error', message: `could not claim sending ${m.id}: ${String(error)}` }),
  );
}
