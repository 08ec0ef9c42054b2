// @vitest-environment happy-dom
/** @jsxImportSource react */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarnedBadges, LevelList, MilestoneCard, Summary } from '../../examples/react/App';
import { levels, milestones } from '../../examples/react/milestones';
import { useLevels, useMilestone, useMilestones, useWaymark } from '../../react/index';
import { createWaymark, type MilestoneState, type Waymark } from '../../src/index';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLElement;
let consoleError: ReturnType<typeof vi.spyOn>;
const wms: Waymark[] = [];

const client = () => {
  const wm = createWaymark({ projectKey: 'pk_react', storage: 'memory', milestones, levels });
  wms.push(wm);
  return wm;
};
const render = (node: ReactNode) => act(() => root.render(node));
const text = (id: string) => host.querySelector(`[data-testid="${id}"]`)?.textContent;
// The client notifies subscribers in a microtask after a change; an async act waits for it and the re-render.
const track = (wm: Waymark, event: string, times = 1) =>
  act(async () => {
    for (let i = 0; i < times; i++) wm.track(event);
  });

beforeEach(() => {
  consoleError = vi.spyOn(console, 'error');
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  for (const wm of wms.splice(0)) wm.destroy();
  // No "getSnapshot should be cached", no "Maximum update depth", no act() warnings.
  expect(consoleError).not.toHaveBeenCalled();
  consoleError.mockRestore();
});

describe('useMilestone, useMilestones, useLevels', () => {
  it('re-render on track()', async () => {
    const wm = client();
    await wm.ready;
    await render(
      <>
        <Summary wm={wm} />
        <MilestoneCard wm={wm} id="ten-tasks" />
        <LevelList wm={wm} />
      </>,
    );
    expect(text('summary')).toBe('0 of 4 milestones achieved');
    expect(text('ten-tasks')).toBe('0 / 10');
    await track(wm, 'task_completed', 3);
    expect(text('ten-tasks')).toBe('3 / 10');
    await track(wm, 'project_created');
    expect(text('summary')).toBe('1 of 4 milestones achieved');
    expect(text('level-getting-started')).toBe('Getting started: 1 / 3');
    await track(wm, 'task_completed', 7);
    await track(wm, 'teammate_invited');
    expect(text('ten-tasks')).toBe('Done');
    expect(text('summary')).toBe('4 of 4 milestones achieved');
    expect(text('level-getting-started')).toBe('Getting started: 3 / 3 ✓');
  });

  it('render the empty snapshot before ready, then the restored state, without a render loop', async () => {
    const wm = client();
    // Before ready the client may answer a new [] on every call; the hook must hand React one stable array.
    const seen: number[] = [];
    const Probe = () => {
      seen.push(useMilestones(wm).length);
      return <Summary wm={wm} />;
    };
    await render(
      <>
        <Probe />
        <MilestoneCard wm={wm} id="ten-tasks" />
        <LevelList wm={wm} />
      </>,
    );
    await act(() => wm.ready);
    // The first render had nothing to show; the next, once the state was restored, everything.
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(4);
    expect(seen.length).toBeLessThanOrEqual(3);
    expect(text('summary')).toBe('0 of 4 milestones achieved');
    expect(text('ten-tasks')).toBe('0 / 10');
    expect(text('level-momentum')).toBe('Building momentum: 0 / 1');
  });

  it('return the same snapshot until something changes, and render once per change', async () => {
    const wm = client();
    await wm.ready;
    const seen: MilestoneState[][] = [];
    const Probe = () => {
      seen.push(useMilestones(wm));
      return null;
    };
    await render(<Probe />);
    await render(<Probe />); // a parent re-render: same snapshot
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
    await track(wm, 'task_completed', 5); // five tracks in one tick: one notification, one render
    expect(seen).toHaveLength(3);
    expect(seen[2]).not.toBe(seen[1]);
    expect(seen[2].find((m) => m.id === 'five-tasks')?.status).toBe('achieved');
    await track(wm, 'nobody_listens');
    expect(seen).toHaveLength(3);
  });

  it('unsubscribe on unmount', async () => {
    const wm = client();
    await wm.ready;
    let live = 0;
    // The same client, with its subscribe counted.
    const counted: Waymark = {
      ...wm,
      subscribe: (listener) => {
        live++;
        const off = wm.subscribe(listener);
        return () => {
          live--;
          off();
        };
      },
    };
    let renders = 0;
    const Probe = () => {
      renders++;
      return <MilestoneCard wm={counted} id="five-tasks" />;
    };
    await render(<Probe />);
    expect(live).toBe(1);
    await track(wm, 'task_completed');
    expect(text('five-tasks')).toBe('1 / 5');
    act(() => root.unmount());
    expect(live).toBe(0);
    const before = renders;
    await track(wm, 'task_completed', 4);
    expect(renders).toBe(before);
    root = createRoot(host); // for afterEach
  });

  it('follow a change of client or id', async () => {
    const a = client();
    const b = client();
    await Promise.all([a.ready, b.ready]);
    await track(b, 'task_completed', 2);
    await render(<MilestoneCard wm={a} id="five-tasks" />);
    expect(text('five-tasks')).toBe('0 / 5');
    await render(<MilestoneCard wm={b} id="five-tasks" />);
    expect(text('five-tasks')).toBe('2 / 5');
    await render(<MilestoneCard wm={b} id="ten-tasks" />);
    expect(text('ten-tasks')).toBe('2 / 10');
    await track(a, 'task_completed'); // the old client no longer drives this tree
    expect(text('ten-tasks')).toBe('2 / 10');
  });

  it('useWaymark: milestones and levels together, one object until something changes, one render per change', async () => {
    const wm = client();
    const seen: ReturnType<typeof useWaymark>[] = [];
    const Probe = () => {
      seen.push(useWaymark(wm));
      return null;
    };
    await render(<Probe />);
    // Before ready: empty lists, and the same object on every read.
    expect(seen[0]).toEqual({ milestones: [], levels: [] });
    await act(() => wm.ready);
    const restored = seen.at(-1)!;
    expect(restored.milestones.map((m) => m.id)).toEqual([
      'first-project',
      'five-tasks',
      'invite-teammate',
      'ten-tasks',
    ]);
    expect(restored.levels.map((l) => `${l.id} ${l.achieved}/${l.total}`)).toEqual([
      'getting-started 0/3',
      'momentum 0/1',
    ]);
    const count = seen.length;
    await render(<Probe />); // a parent re-render: the same snapshot object
    expect(seen).toHaveLength(count + 1);
    expect(seen.at(-1)).toBe(restored);
    await track(wm, 'project_created');
    expect(seen).toHaveLength(count + 2);
    expect(seen.at(-1)).not.toBe(restored);
    expect(seen.at(-1)!.levels[0].achieved).toBe(1);
    await track(wm, 'nobody_listens');
    expect(seen).toHaveLength(count + 2);
  });

  it("the example's Summary and EarnedBadges follow the client", async () => {
    const wm = client();
    await wm.ready;
    await render(
      <>
        <Summary wm={wm} />
        <EarnedBadges wm={wm} />
      </>,
    );
    expect(text('levels-done')).toBe('0 of 2 levels complete');
    expect(text('badges')).toBe('No badges yet');
    await track(wm, 'project_created');
    await track(wm, 'teammate_invited');
    await track(wm, 'task_completed', 5);
    expect(text('levels-done')).toBe('1 of 2 levels complete');
    expect(text('badges')).toBe('🚀 Launched, 🤝 Team player');
  });

  it('given no client, render nothing and warn once per hook instead of throwing into the render', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const missing = undefined as unknown as Waymark;
    const Probe = () => {
      const m = useMilestone(missing, 'ten-tasks');
      const { milestones: all, levels: groups } = useWaymark(missing);
      return (
        <p data-testid="probe">{`${m === undefined} ${all.length} ${groups.length} ${useLevels(missing).length} ${useMilestones(missing).length}`}</p>
      );
    };
    await render(<Probe />);
    await render(<Probe />);
    expect(text('probe')).toBe('true 0 0 0 0');
    const hooks = warn.mock.calls.map(
      (call) =>
        String(call[0]).match(/^\[waymark\] (\w+): expected a client from createWaymark\(\), got undefined/)?.[1],
    );
    expect(hooks.sort()).toEqual(['useLevels', 'useMilestone', 'useMilestones', 'useWaymark']);
    warn.mockRestore();
  });
});
