import { createWaymark } from '../../src/index';
import type { LevelDefinition, MilestoneDefinition, Waymark, WaymarkOptions } from 'waymark';
import { defineElements } from '../defineElements';
import { mountWidget } from '../mountWidget';
import type { WidgetHandle } from '../types';
import type { ScriptOptions } from './readScriptOptions';
import { safe } from './safe';

/** Definitions the script tag hands the client: none, or those fetched from `milestonesUrl`. */
export type Definitions = { milestones?: MilestoneDefinition[]; levels?: LevelDefinition[] };

/** The client behind `window.waymark`: calls made before it exists wait for it. */
export interface ScriptClient {
  /** Resolves once the client exists and its stored state is restored. */
  ready_: Promise<void>;
  /** The client, once started. */
  wm_?: Waymark;
  /** The floating launcher, once mounted. */
  widget_?: WidgetHandle;
  /** Runs `op` with the client now, or, before it exists, in order when it starts. */
  later_: (op: (wm: Waymark) => unknown) => unknown;
  /** Creates the client, defines the elements, mounts the launcher and runs what waited. */
  start_: (options: ScriptOptions, definitions: Definitions) => void;
}

/**
 * The script tag's client, started later by `init()` (at once, or once the definitions arrive).
 *
 * @example
 * const client = createScriptClient();
 * client.later_((wm) => wm.track('signed_up'));
 * client.start_(readScriptOptions(data, nonce, {}), {});
 */
export const createScriptClient = (): ScriptClient => {
  const waiting: ((wm: Waymark) => unknown)[] = [];
  let ready!: () => void;
  const client: ScriptClient = {
    ready_: new Promise<void>((resolve) => {
      ready = resolve;
    }),
    later_: (op) => (client.wm_ ? op(client.wm_) : waiting.push(op)),
    start_: (options, definitions) => {
      const wm = createWaymark({ ...options.client, ...definitions } as WaymarkOptions);
      client.wm_ = wm;
      defineElements(wm, options.widget);
      const mount = () => {
        if (options.launcher) client.widget_ = mountWidget(wm, options.widget);
      };
      if (document.body) mount();
      else document.addEventListener('DOMContentLoaded', mount, { once: true });
      for (const op of waiting.splice(0)) safe(op)(wm);
      wm.ready.then(ready);
    },
  };
  return client;
};
