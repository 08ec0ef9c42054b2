import type { Badge } from 'waymark';
import type { Ctx } from './ctx';

/**
 * Badges of milestones and levels: earned in colour, the rest greyed.
 *
 * @example
 * <Badges c={c} />
 */
export const Badges = ({ c }: { c: Ctx }) => {
  const items: [Badge, boolean, string][] = [
    ...c.s.milestones.value
      .filter((m) => m.badge)
      .map((m): [Badge, boolean, string] => [m.badge!, m.status === 'achieved', m.id]),
    ...c.s.levels.value
      .filter((l) => l.badge)
      .map((l): [Badge, boolean, string] => [l.badge!, l.complete, 'level:' + l.id]),
  ];
  if (!items.length) return null;
  return (
    <section class="bs">
      <h3>{c.t('badges')}</h3>
      <ul class="bg">
        {items.map(([b, on, key]) => (
          <li key={key} class={on ? 'b' : 'b off'}>
            <span class="i" aria-hidden="true">
              {b.icon || '★'}
            </span>
            {on ? (
              b.name
            ) : (
              <>
                <span aria-hidden="true">{b.name}</span>
                <span class="sr">{c.t('notEarned', { name: b.name })}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
};
