import type { ScriptClient } from './createScriptClient';
import { ownScript } from './ownScript';
import { type InitOptions, readScriptOptions } from './readScriptOptions';
import { safe } from './safe';
import type { CarriedLocale } from './stringsFor';
import { warn } from './warn';

/**
 * `window.waymark.init()`: reads the configuration (the script tag's `data-` attributes, then `initOptions`) and starts
 * the client, once. With `milestonesUrl`, the client starts when the definitions arrive, or without them when they
 * cannot be loaded.
 *
 * @example
 * const init = scriptInit(client, ownScript?.dataset ?? {}, carried);
 * init({ projectKey: 'pk_demo', milestonesUrl: '/milestones.json' });
 */
export const scriptInit = (client: ScriptClient, data: DOMStringMap, carried?: CarriedLocale) => {
  let started = false;
  return safe((initOptions: InitOptions = {}) => {
    if (started) return warn('init() was called twice; the first configuration stays');
    started = true;
    const options = readScriptOptions(data, ownScript?.nonce, initOptions, carried);
    const url = options.milestonesUrl;
    if (!url) return client.start_(options, {});
    // Definitions come from a URL: the client starts once they arrive (or failed to).
    fetch(url, { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status))))
      .then(
        (json) =>
          client.start_(
            options,
            Array.isArray(json) ? { milestones: json } : { milestones: json?.milestones, levels: json?.levels },
          ),
        (e) => {
          warn(`could not load milestones from ${url}: ${String(e?.message ?? e)}`);
          client.start_(options, {});
        },
      );
  });
};
