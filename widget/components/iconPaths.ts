// Plain strings, apart from the JSX in icons.tsx.

/**
 * Path data of the stroke icons, on a 24px grid.
 *
 * @example
 * path.setAttribute('d', iconPaths.flag);
 */
export const iconPaths = {
  flag: 'M5 21V4h11.5l-2 4 2 4H5',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  lock: 'M7 11V8a5 5 0 0110 0v3M6 11h12v9H6z',
  close: 'M6 6l12 12M18 6L6 18',
  arrow: 'M5 12h14m-5-5l5 5-5 5',
};
