/**
 * Relative luminance (0 black .. 1 white, as WCAG defines it) of a computed CSS colour, or undefined when it is mostly
 * see-through (alpha under 0.5) or not understood. Browsers compute rgb()/rgba(), or keep lab(), lch(), oklab(),
 * oklch() and color(srgb …) as written; DOM emulations may keep hex. The lightness-first spaces give it from L alone,
 * which is all a light-or-dark choice needs.
 *
 * @example
 * luminance('rgb(255, 255, 255)'); // 1
 * luminance('oklch(0.21 0.02 264)'); // ≈ 0.009
 * luminance('rgba(0, 0, 0, 0)'); // undefined
 */
export const luminance = (css: string): number | undefined => {
  const color = css.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,8})$/.exec(color)?.[1];
  let channels: number[];
  let alpha = 1;
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((d) => d + d).join('') : hex;
    channels = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
    if (full.length === 8) alpha = parseInt(full.slice(6, 8), 16) / 255;
  } else {
    const match = /^(rgba?|color|lab|lch|oklab|oklch)\((.*)\)$/.exec(color);
    if (!match) return undefined;
    const parts = match[2]
      .replace(/^srgb\s+/, '')
      .split(/[\s,/]+/)
      .filter(Boolean);
    const number = (s = '1', scale = 1) => (s.endsWith('%') ? parseFloat(s) / 100 : parseFloat(s) / scale);
    alpha = parts.length > 3 ? number(parts[3]) : 1;
    if (alpha < 0.5) return undefined;
    const space = match[1];
    // OKLab's L runs 0..1 and is close to the cube root of luminance; CIELAB's L* runs 0..100 (100% = 100).
    if (space === 'oklab' || space === 'oklch') return number(parts[0]) ** 3;
    if (space === 'lab' || space === 'lch') return ((parseFloat(parts[0]) + 16) / 116) ** 3;
    channels = parts.slice(0, 3).map((p) => number(p, space === 'color' ? 1 : 255));
  }
  if (alpha < 0.5 || channels.some((c) => !Number.isFinite(c))) return undefined;
  const linear = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
};
