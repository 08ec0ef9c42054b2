/**
 * An account's `name` trait as the emails show it: one line of at most 80 characters, or undefined. A trait is user
 * input; the renderers escape it, this keeps it to something that fits a subject line.
 *
 * @example
 * teamName({ traits: { name: '  Globex\nCorp ' } }); // 'Globex Corp'
 */
export function teamName(accountDoc: unknown): string | undefined {
  const name = (accountDoc as { traits?: { name?: unknown } } | null | undefined)?.traits?.name;
  if (typeof name !== 'string') return undefined;
  const line = name.replace(/\s+/g, ' ').trim().slice(0, 80);
  return line || undefined;
}
