/**
 * Loads canvas-confetti on the first celebration: a chunk of its own in the ESM build; the script-tag build holds it in
 * the same file.
 *
 * @example
 * const { create } = await loadConfetti();
 */
export const loadConfetti = (): Promise<{ create: typeof import('canvas-confetti').create }> =>
  import('canvas-confetti');
