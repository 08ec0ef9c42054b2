import { render, type VNode } from 'preact';
import { useErrorBoundary } from 'preact/hooks';

type View = () => VNode | null;

// A component of its own, so that @preact/signals redraws it when a signal that `view` read changes.
const Live = ({ view }: { view: View }) => view();

// What throws while drawing goes to `report`, never to the host, and the mount draws nothing from then on.
const Guard = ({ view, report }: { view: View; report: (e: unknown) => void }) => {
  const [failed] = useErrorBoundary(report);
  return failed ? null : <Live view={view} />;
};

/**
 * Renders `view()` into `root`; components read the state's signals' `.value` and redraw when they change. Render
 * errors go to `report`, never to the host. Returns the unmount.
 *
 * @example
 * const unmount = renderLive(shadowRoot, () => <App c={c} />, report);
 */
export const renderLive = (root: ShadowRoot, view: View, report: (e: unknown) => void) => {
  render(<Guard view={view} report={report} />, root);
  return () => render(null, root);
};
