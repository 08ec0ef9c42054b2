/** @jsxImportSource react */
// Runs in plain Node: the hooks render on a server (getServerSnapshot), where the client has nothing yet.
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelList, MilestoneCard, Summary } from '../../examples/react/App';
import { levels, milestones } from '../../examples/react/milestones';
import { createWaymark } from '../../src/index';
import { destroyClients, destroyLater, until } from '../client.helpers';

afterEach(destroyClients);

describe('waymark/react on the server', () => {
  it('renders before ready without a browser, then with the state once it is restored', async () => {
    const wm = destroyLater(createWaymark({ projectKey: 'pk_ssr_react', storage: 'memory', milestones, levels }));
    const page = () =>
      renderToString(
        <>
          <Summary wm={wm} />
          <MilestoneCard wm={wm} id="ten-tasks" />
          <LevelList wm={wm} />
        </>,
      );
    expect(page()).toContain('Loading your progress…');
    await wm.ready;
    wm.track('task_completed');
    // Evaluation may happen in track() or just after it.
    await until(wm, () => wm.milestone('ten-tasks')?.current === 1);
    expect(wm.milestone('ten-tasks')!.current).toBe(1);
    const html = page();
    expect(html).toContain('0 of 4 milestones achieved');
    expect(html).toContain('1 / 10');
    // React marks text boundaries with comments in server HTML; the text is what a user reads.
    expect(html.replaceAll('<!-- -->', '')).toContain('Getting started: 0 / 3');
  });
});
