/**
 * Loads canvas-confetti on the first celebration: a chunk of its own in the ESM build, a file beside the script-tag
 * build (`waymark.confetti.js`, see `widget/script/loadConfetti.ts`).
 *
 * @example
 * const { create } = await loadConfetti();
 */
export const loadConfetti = (): Promise<{ create: typeof import('canvas-confetti').create }> => import('canvas-confetti');
