// The widget's views, loaded after mount (an import() chunk of its own in the ESM build, `loadViews`): the panel, the
// celebration toast, the inline elements' bodies and their styles. Up front stay the launcher, the state, the
// celebrations' claims and the option checks, so a host's first bundle carries only those.
import type { VNode } from 'preact';
import { Badges } from './components/Badges';
import { Checklist } from './components/Checklist';
import type { Ctx } from './components/ctx';
import { MilestoneItem } from './components/MilestoneItem';

export { Panel } from './components/Panel';
export { Toast } from './components/Toast';
export { panelCss } from './panelCss';

/** The body of an inline element for the id in its attribute, or null when there is nothing to show. */
export type ElementView = (c: Ctx, id: string | null) => VNode | null;

/**
 * The bodies of `<waymark-progress>`, `<waymark-checklist>` and `<waymark-badges>`, by element name.
 *
 * @example
 * elementViews['waymark-progress'](c, 'ten-tasks');
 */
export const elementViews: Record<string, ElementView> = {
  'waymark-progress': (c, id) => {
    const m = c.s.milestones.value.find((x) => x.id === id);
    return m ? <ul>{<MilestoneItem c={c} m={m} />}</ul> : null;
  },
  'waymark-checklist': (c, id) => {
    const level = c.s.levels.value.find((x) => x.id === id);
    return level ? <Checklist c={c} level={level} /> : null;
  },
  'waymark-badges': (c) => <Badges c={c} />,
};
