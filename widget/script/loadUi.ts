import type * as Ui from './ui';
import { loadSibling } from './loadSibling';

/**
 * Loads the Preact widget (`waymark.ui.js`, beside `waymark.global.js`) on first use: the panel's first opening, the
 * first celebration, or the first inline element. A failure rejects with a `widget_unavailable` error and is retried on
 * the next call.
 *
 * @example
 * const { mountInto } = await loadUi();
 */
export const loadUi = (): Promise<typeof Ui> =>
  loadSibling<typeof Ui>('ui').catch((e: Error) =>
    Promise.reject({ code: 'widget_unavailable', message: `the widget could not load (${e.message}); progress is still tracked` }),
  );
