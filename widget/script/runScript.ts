// The script tag's program: the core, the sync, the Preact widget and canvas-confetti in one self-contained file;
// nothing is loaded from beside it. Running it replaces the stub's `window.waymark` (`{ q: [...] }`) with the real API
// and replays the queued calls. Each script-tag file is an entry that calls it (global.ts in English, global.de.ts
// and the others with one string set each).
import { createScriptClient } from './createScriptClient';
import { ownScript } from './ownScript';
import { scriptInit } from './scriptInit';
import { scriptMethods } from './scriptMethods';
import type { CarriedLocale } from './stringsFor';

export type { InitOptions } from './readScriptOptions';

/**
 * Starts the script tag on this page, unless a real `window.waymark` is there already: reads its `data-` attributes,
 * takes over the stub's queue and replays it. `carried` is the one string set this file holds besides English, and
 * the locale the file uses when none is configured.
 *
 * @example
 * // widget/script/global.de.ts, the entry of dist/waymark.de.global.js
 * runScript({ locale: 'de', strings: de });
 */
export const runScript = (carried?: CarriedLocale): void => {
  const page = window as unknown as { waymark?: { q?: unknown[][] } & Record<string, unknown> };
  // A real waymark is there already (the file was loaded twice): it stays.
  if (page.waymark && !Array.isArray(page.waymark.q)) return;
  const queued = (page.waymark?.q ?? []).slice();
  const data = ownScript?.dataset ?? {};
  const client = createScriptClient();
  const init = scriptInit(client, data, carried);
  const api = { init, ...scriptMethods(client) };
  page.waymark = api as unknown as typeof page.waymark;

  if (!queued.some((queuedCall) => queuedCall[0] === 'init') && data.projectKey) init();
  for (const [name, ...args] of queued) {
    const f = (api as Record<string, unknown>)[name as string];
    if (typeof f === 'function') f(...args);
  }
};
