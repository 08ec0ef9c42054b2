import { iconPaths } from './iconPaths';

// Stroke icons on a 24px grid; `.wm svg` in the stylesheet gives them stroke and size.
const svg = (d: string) => () => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <path d={d} />
  </svg>
);

/** The launcher's mark. */
export const Flag = svg(iconPaths.flag);
export const Check = svg(iconPaths.check);
export const Lock = svg(iconPaths.lock);
export const Close = svg(iconPaths.close);
export const Arrow = svg(iconPaths.arrow);
