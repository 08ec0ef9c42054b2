import type { SyncContext } from './SyncContext';

/**
 * The sync's messages to the other tabs (`waymark:{projectKey}:outbox`): the outbox's size after each write (so
 * the sending tab arms its timer), flushes asked of the sending tab and answered, and the users' tokens, which
 * travel to whichever tab sends. Sets `sync.channel_` where the platform has a channel.
 *
 * @example
 * Object.assign(sync, linkSyncTabs(sync));
 * await sync.askSender_();
 */
export function linkSyncTabs(sync: SyncContext) {
  const { tokens_: tokens } = sync;
  // Flushes this tab asked the sending tab for, by id: resolved when it answers, or after two request timeouts.
  const waiting = new Map<string, () => void>();
  const shareTokens = () => {
    const all = tokens.all();
    if (Object.keys(all).length) sync.channel_?.post({ tokens: all });
  };
  const learnTokens = (received: Record<string, unknown>) => {
    let changed = false;
    for (const userId in received) {
      const token = received[userId];
      if (typeof token === 'string' && token && tokens.set(userId, token)) changed = true;
    }
    if (changed) sync.released_();
  };
  const receive = (m: unknown) => {
    // Other tabs announce the outbox size after a write (-1 asked an older version's sender for a flush).
    if (sync.leader_ && typeof m === 'number') {
      if (m < 0) void sync.flush_();
      else sync.arm_(m);
    }
    if (!m || typeof m !== 'object') return;
    const message = m as { tokens?: unknown; wantTokens?: unknown; flush?: unknown; flushed?: unknown };
    // A flush asked for in a tab that does not send: the sending tab flushes, then says it is done.
    if (typeof message.flush === 'string') {
      const id = message.flush;
      void sync.lead_().then(async (mine) => {
        if (!mine) return;
        await sync.flush_();
        sync.channel_?.post({ flushed: id });
      });
    }
    if (typeof message.flushed === 'string') waiting.get(message.flushed)?.();
    // Tokens travel between tabs (memory to memory, same origin), since the tab that sends may not be the one that got them.
    if (message.wantTokens) shareTokens();
    if (message.tokens && typeof message.tokens === 'object') learnTokens(message.tokens as Record<string, unknown>);
  };
  sync.channel_ = sync.platform_.channel?.(`waymark:${sync.options_.projectKey}:outbox`, receive);
  return {
    askSender_: () =>
      new Promise<void>((resolve) => {
        const id = sync.newId_();
        const done = () => {
          clearTimeout(timeout);
          waiting.delete(id);
          resolve();
        };
        const timeout = setTimeout(done, 2 * sync.timeoutMs_);
        waiting.set(id, done);
        sync.channel_!.post({ flush: id });
      }),
  };
}
