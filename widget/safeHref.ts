/**
 * Returns `href` when it is an http(s) or relative URL, otherwise `undefined`
 * (so `javascript:`, `data:` and friends never reach an `<a>`).
 *
 * @example
 * safeHref('/automations/new'); // '/automations/new'
 * safeHref('javascript:alert(1)'); // undefined
 */
export const safeHref = (href: unknown): string | undefined => {
  if (typeof href !== 'string' || !href.trim()) return undefined;
  try {
    // The URL parser strips tabs, newlines and leading control characters the same way
    // the browser does for `<a href>`, so `java\tscript:` is caught too.
    return /^https?:$/.test(new URL(href, 'https://x.invalid/').protocol) ? href : undefined;
  } catch {
    return undefined;
  }
};
