import { loadConfetti } from './loadConfetti';

/** Confetti on a canvas of our own inside the shadow root. */
export interface Confetti {
  fire(): void;
  stop(): void;
}

const COLORS = ['#5b5bd6', '#f5a524', '#f05d8b', '#26b5ce', '#31c48d', '#8b5cf6'];

/**
 * Creates the confetti cannon of one mount. canvas-confetti loads (`loadConfetti`) on the
 * first shot, and runs without a blob worker so a strict CSP (`worker-src`) is never hit.
 *
 * @example
 * const fx = createConfetti(shadowRoot, 'bottom-right', '#5b5bd6');
 * fx.fire();
 * fx.stop();
 */
export const createConfetti = (
  root: ShadowRoot,
  position = 'bottom-right',
  accent?: string,
  onError?: (e: unknown) => void,
): Confetti => {
  let stopped = false;
  const live = new Set<() => void>();
  return {
    fire: async () => {
      try {
        const { create } = await loadConfetti().catch((e: unknown) =>
          Promise.reject({
            code: 'confetti_unavailable',
            message: `confetti could not load (${String((e as Error)?.message ?? e)}); the toast still shows`,
          }),
        );
        if (stopped) return;
        const canvas = document.createElement('canvas');
        canvas.className = 'cf';
        canvas.setAttribute('aria-hidden', 'true');
        // No 2D context (jsdom-like environments, exotic browsers): nothing to draw on.
        if (!canvas.getContext('2d')) return;
        root.appendChild(canvas);
        const shoot = create(canvas, { resize: true, useWorker: false });
        const end = () => {
          shoot.reset();
          canvas.remove();
          live.delete(end);
        };
        live.add(end);
        const side = position === 'bottom-left' ? -1 : position === 'inline' ? 0 : 1;
        const base = {
          origin: { x: 0.5 + side * 0.38, y: side ? 0.95 : 0.6 },
          angle: 90 + side * 25,
          colors: accent && /^#[0-9a-f]{6}$/i.test(accent) ? [accent, ...COLORS.slice(1)] : COLORS,
          disableForReducedMotion: true,
          ticks: 260,
        };
        await Promise.all([
          shoot({ ...base, particleCount: 110, spread: 60, startVelocity: 62 }),
          shoot({ ...base, particleCount: 70, spread: 110, startVelocity: 42, scalar: 0.8 }),
        ]);
        end();
      } catch (e) {
        onError?.(e);
      }
    },
    stop: () => {
      stopped = true;
      for (const end of live) end();
    },
  };
};
