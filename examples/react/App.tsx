/** @jsxImportSource react */
// The pragma above only because this repository compiles JSX for Preact by default; a React app needs none.
// `waymark/react` brings the hooks and the JSX types of waymark's custom elements.
import type { Waymark } from 'waymark';
import { useLevels, useMilestone, useMilestones, useWaymark } from 'waymark/react';

/**
 * Overall progress, from `useWaymark`: milestones and levels from one subscription.
 *
 * @example
 * <Summary wm={wm} />
 */
export function Summary({ wm }: { wm: Waymark }) {
  const { milestones, levels } = useWaymark(wm);
  const done = milestones.filter((m) => m.status === 'achieved').length;
  const levelsDone = levels.filter((l) => l.complete).length;
  return (
    <>
      <p data-testid="summary">
        {milestones.length ? `${done} of ${milestones.length} milestones achieved` : 'Loading your progress…'}
      </p>
      {levels.length > 0 && <p data-testid="levels-done">{`${levelsDone} of ${levels.length} levels complete`}</p>}
    </>
  );
}

/**
 * The badges earned so far, from `useMilestones`.
 *
 * @example
 * <EarnedBadges wm={wm} />
 */
export function EarnedBadges({ wm }: { wm: Waymark }) {
  const earned = useMilestones(wm).filter((m) => m.status === 'achieved' && m.badge);
  return (
    <p data-testid="badges">
      {earned.length ? earned.map((m) => `${m.badge!.icon ?? ''} ${m.badge!.name}`.trim()).join(', ') : 'No badges yet'}
    </p>
  );
}

/**
 * One milestone as a native `<progress>`, from `useMilestone`.
 *
 * @example
 * <MilestoneCard wm={wm} id="ten-tasks" />
 */
export function MilestoneCard({ wm, id }: { wm: Waymark; id: string }) {
  const m = useMilestone(wm, id);
  if (!m) return null;
  return (
    <label className={`card ${m.status}`}>
      {m.badge?.icon} {m.title}
      <progress max={m.target} value={Math.min(m.current, m.target)} />
      <span data-testid={id}>{m.status === 'achieved' ? 'Done' : `${m.current} / ${m.target}`}</span>
    </label>
  );
}

/**
 * The levels and their counts, from `useLevels`.
 *
 * @example
 * <LevelList wm={wm} />
 */
export function LevelList({ wm }: { wm: Waymark }) {
  return (
    <ul>
      {useLevels(wm).map((l) => (
        <li key={l.id} data-testid={`level-${l.id}`}>
          {l.title}: {l.achieved} / {l.total}
          {l.complete && ' ✓'}
        </li>
      ))}
    </ul>
  );
}

/**
 * The host app: buttons that track events, React components on the hooks, and waymark's own
 * custom elements inside JSX (register them once with `defineElements(wm)`).
 *
 * @example
 * createRoot(document.getElementById('root')!).render(<App wm={wm} />);
 */
export function App({ wm }: { wm: Waymark }) {
  return (
    <main>
      <h1>Acme Tasks</h1>
      <Summary wm={wm} />
      <EarnedBadges wm={wm} />
      <section aria-label="Actions">
        <button type="button" onClick={() => wm.track('project_created')}>
          Create a project
        </button>
        <button type="button" onClick={() => wm.track('task_completed')}>
          Complete a task
        </button>
        <button type="button" onClick={() => wm.track('teammate_invited')}>
          Invite a teammate
        </button>
      </section>
      <MilestoneCard wm={wm} id="ten-tasks" />
      <LevelList wm={wm} />
      <aside>
        <h2>Your onboarding</h2>
        <waymark-checklist level="getting-started" />
        <waymark-progress milestone="ten-tasks" />
        <waymark-badges />
      </aside>
    </main>
  );
}
