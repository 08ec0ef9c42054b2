import type { LevelState, MilestoneState } from 'waymark';
import type { Ctx } from './ctx';
import { MilestoneItem } from './MilestoneItem';

/**
 * A level as a checklist: "Getting started · 2 of 3" over its milestones. Without `level`,
 * the milestones that belong to no level, under the `other` heading.
 *
 * @example
 * <Checklist c={c} level={state.levels.value[0]} />
 */
export const Checklist = ({ c, level }: { c: Ctx; level?: LevelState }) => {
  const all = c.s.milestones.value;
  const items: MilestoneState[] = level
    ? level.milestones.map((id) => all.find((m) => m.id === id)).filter((m): m is MilestoneState => !!m)
    : all.filter((m) => !m.level);
  if (!items.length) return null;
  const heading = level
    ? c.t('level', { title: level.title, achieved: level.achieved, total: level.total })
    : c.t('other');
  return (
    <section class="lv">
      <h3>{heading}</h3>
      <ul>
        {items.map((m) => (
          <MilestoneItem key={m.id} c={c} m={m} />
        ))}
      </ul>
    </section>
  );
};

/**
 * Every level's checklist, then milestones outside levels.
 *
 * @example
 * <Checklists c={c} />
 */
export const Checklists = ({ c }: { c: Ctx }) => {
  const levels = c.s.levels.value;
  if (!c.s.milestones.value.length) return <p class="me">{c.t('empty')}</p>;
  return (
    <>
      {levels.map((l) => (
        <Checklist key={l.id} c={c} level={l} />
      ))}
      <Checklist c={c} />
    </>
  );
};
