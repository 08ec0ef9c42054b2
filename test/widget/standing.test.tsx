// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../src/index';
import { createMemoryStorage, createWaymark } from '../../src/index';
import { until } from '../client.helpers';
import { fakeClient, milestone } from './fakeClient';
import { mount, update } from './helpers';

afterEach(() => {
  document.body.innerHTML = '';
});

const ms = () => [milestone('a', { status: 'achieved', ratio: 1, current: 1 }), milestone('b'), milestone('c')];
const lines = (w: ReturnType<typeof mount>) => w.text('.sd li');

describe("the backend's overall comparison in the panel", () => {
  it('shows nothing before the backend sent a standing, then the lines that are true and kind', () => {
    const wm = fakeClient(ms());
    const w = mount(wm);
    w.open();
    expect(w.$('.sd')).toBeNull();
    update(() => wm.setOverall({ percentile: 80, typicalAtThisAge: 1, achieved: 1 }));
    expect(lines(w)).toEqual([
      "You're ahead of 80% of teams overall",
      'Most teams at your stage have 1 milestone by now; you have 1',
    ]);
  });

  it('leaves out an unkind comparison: behind most teams, or behind the typical pace', () => {
    const wm = fakeClient(ms());
    const w = mount(wm);
    w.open();
    update(() => wm.setOverall({ percentile: 30, typicalAtThisAge: 3, achieved: 1 }));
    expect(w.$('.sd')).toBeNull();
    update(() => wm.setOverall({ percentile: 50, typicalAtThisAge: 2, achieved: 1 }));
    expect(lines(w)).toEqual(["You're ahead of 50% of teams overall"]);
  });

  it('reads overall from a real client that pulled /v1/state', async () => {
    const transport: Transport = async (request) => ({
      status: 200,
      header: () => null,
      json: async () =>
        request.method === 'GET'
          ? { achieved: { a: '2026-11-01T00:00:00Z' }, overall: { percentile: 90, typicalAtThisAge: 1 } }
          : { accepted: 0 },
    });
    const wm = createWaymark({
      projectKey: 'pk_standing',
      storage: createMemoryStorage(),
      endpoint: 'https://api.example.test',
      transport,
      milestones: [
        { id: 'a', title: 'A', rule: { event: 'a' } },
        { id: 'b', title: 'B', rule: { event: 'b' } },
      ],
    });
    const w = mount(wm, { confetti: false });
    w.open();
    // The pull runs after the session loads: its answer reaches the client as a change, however long loading took.
    await update(() => until(wm, () => wm.overall() !== undefined));
    expect(lines(w)).toEqual([
      "You're ahead of 90% of teams overall",
      'Most teams at your stage have 1 milestone by now; you have 1',
    ]);
    w.handle.destroy();
    wm.destroy();
  });
});
