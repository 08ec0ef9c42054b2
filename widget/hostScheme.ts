import { luminance } from './luminance';

/** The colour schemes the widget draws in. */
export type Scheme = 'light' | 'dark';

/**
 * What the page around `el` looks like, light or dark: its computed `color-scheme` when that names one scheme,
 * else the luminance of the first background behind it that can be seen, else the page's canvas (dark only when the
 * page allows a dark scheme and the operating system asks for it). The OS alone never decides.
 *
 * @example
 * frame.className = 'wm ' + hostScheme(host);
 */
export const hostScheme = (el: Element): Scheme => {
  const start = el.parentElement ?? el;
  const view = el.ownerDocument.defaultView ?? globalThis;
  const words = (view.getComputedStyle(start).colorScheme ?? '').split(/\s+/);
  const dark = words.includes('dark');
  if (dark !== words.includes('light')) return dark ? 'dark' : 'light';
  for (let e: Element | null = start; e; e = e.parentElement) {
    const y = luminance(view.getComputedStyle(e).backgroundColor ?? '');
    // 0.18 is mid-grey to the eye (L* 50): darker backgrounds get the dark scheme.
    if (y !== undefined) return y < 0.18 ? 'dark' : 'light';
  }
  const meta = el.ownerDocument.querySelector<HTMLMetaElement>('meta[name="color-scheme"]')?.content ?? '';
  return (dark || meta.includes('dark')) && view.matchMedia?.('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
};
