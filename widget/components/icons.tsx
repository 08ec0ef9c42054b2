// Stroke icons on a 24px grid; `.wm svg` in the stylesheet gives them stroke and size.
const svg = (d: string) => () => (
  <svg viewBox="0 0 24 24" aria-hidden="true">
    <path d={d} />
  </svg>
);

/** The launcher's mark. */
export const Flag = svg('M5 21V4h11.5l-2 4 2 4H5');
export const Check = svg('M5 12.5l4.5 4.5L19 7.5');
export const Lock = svg('M7 11V8a5 5 0 0110 0v3M6 11h12v9H6z');
export const Close = svg('M6 6l12 12M18 6L6 18');
export const Arrow = svg('M5 12h14m-5-5l5 5-5 5');
