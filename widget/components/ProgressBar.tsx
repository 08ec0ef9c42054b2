/**
 * A progress bar for assistive technology and eyes alike. The fill width is set through
 * CSSOM (`--p`), which a strict CSP allows, never through a `style` attribute in markup.
 *
 * @example
 * <ProgressBar value={7} max={10} ratio={0.7} label="Complete 10 tasks" />
 */
export const ProgressBar = (p: {
  value: number;
  max: number;
  ratio: number;
  label: string;
  text?: string;
  class?: string;
}) => (
  <div
    class={p.class ? 'bar ' + p.class : 'bar'}
    role="progressbar"
    aria-label={p.label}
    aria-valuemin={0}
    aria-valuemax={p.max}
    aria-valuenow={p.value}
    aria-valuetext={p.text}
  >
    <i style={{ '--p': String(Math.max(0, Math.min(1, p.ratio || 0))) }} />
  </div>
);
