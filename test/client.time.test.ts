import { afterEach, describe, expect, it, vi } from 'vitest';
import { client, destroyClients } from './client.helpers';

afterEach(() => {
  destroyClients();
  vi.useRealTimers();
});

describe('time passing with no events', () => {
  it('checks due dates about once a minute: stalled fires without a track()', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-23T09:00:00Z') });
    const stalled: string[] = [];
    const { wm } = client({
      storage: 'memory',
      milestones: [{ id: 'invite', title: 'Invite a teammate', rule: { event: 'member_invited' }, due: '2m' }],
    });
    wm.on('stalled', (m, info) => stalled.push(`${m.id}:${m.status}:${info.reason}`));
    await vi.advanceTimersByTimeAsync(10);
    await wm.ready;
    expect(wm.milestone('invite')!.status).toBe('active');
    await vi.advanceTimersByTimeAsync(90_000);
    expect(stalled).toEqual([]); // not due yet at the first minute tick
    await vi.advanceTimersByTimeAsync(60_000); // the tick after the due time sees it
    expect(stalled).toEqual(['invite:overdue:overdue']);
    expect(wm.milestone('invite')!.status).toBe('overdue');
  });
});
