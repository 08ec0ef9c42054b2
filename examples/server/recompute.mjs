// Verification: replays stored events through the same engine the browser runs, so the server
// knows what each person (or account) achieved without trusting the client.

/**
 * Replays events in time order into a fresh in-memory client whose clock follows the events,
 * and answers the achievements (milestone id -> epoch ms).
 *
 * @example
 * const achieved = await recompute(createWaymark, { projectKey: 'pk', milestones }, events);
 *
 * @param {typeof import('../../src/index.ts').createWaymark} createWaymark
 * @param {{ projectKey: string, milestones: any[], levels?: any[] }} definitions
 * @param {{ type: string, name?: string, properties?: Record<string, unknown>, user_id?: string, account_id?: string, ts: Date | string }[]} events
 * @returns {Promise<Record<string, number>>}
 */
export async function recompute(createWaymark, { projectKey, milestones, levels }, events) {
  const time = (e) => new Date(e.ts).getTime();
  let clock = events.length ? time(events[0]) : Date.now();
  const wm = createWaymark({ projectKey, storage: 'memory', milestones, levels, now: () => clock, stalledAfter: false });
  wm.on('error', () => {}); // unknown events and the like are the client's business
  await wm.ready;
  for (const e of events) {
    clock = Math.max(clock, time(e));
    if (e.type === 'track') wm.track(e.name, e.properties ?? {}, { timestamp: time(e) });
    else if (e.type === 'identify' && e.user_id) {
      wm.identify(e.user_id, e.properties ?? undefined);
      await wm.flush(); // switching user loads state: let it land before the clock moves on
    } else if (e.type === 'group' && e.account_id) wm.group(e.account_id, e.properties ?? undefined);
  }
  await wm.flush();
  const achieved = {};
  for (const m of wm.milestones()) if (m.status === 'achieved' && m.achievedAt !== undefined) achieved[m.id] = m.achievedAt;
  wm.destroy();
  return achieved;
}
