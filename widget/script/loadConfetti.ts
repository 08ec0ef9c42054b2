import type { loadConfetti as load } from '../loadConfetti';
import { loadSibling } from './loadSibling';

/**
 * The script-tag build's `loadConfetti` (it replaces `widget/loadConfetti.ts` there): canvas-confetti comes from
 * `waymark.confetti.js` beside `waymark.global.js`, on the first celebration.
 *
 * @example
 * const { create } = await loadConfetti();
 */
export const loadConfetti: typeof load = () => loadSibling('confetti');
