// The esbuild plugin that makes the script-tag build. What the ESM build imports as `./loadSession`, `./loadSync`,
// `./loadConfetti`, `./mountInto` and `./mountElement` resolves to widget/script/*.ts instead: the session in the same
// file; the sync, canvas-confetti and the Preact widget (waymark.ui.js) from the files beside waymark.global.js, which
// shows a launcher drawn without Preact until then. widget/script/ui.ts imports `../mountInto` and `../mountElement`,
// so waymark.ui.js keeps the real ones. Used by tsup.config.ts and scripts/size-breakdown.mjs.
import { resolve } from 'node:path';

/** @type {import('esbuild').Plugin} */
export const scriptSiblings = {
  name: 'waymark-script-siblings',
  setup(build) {
    build.onResolve({ filter: /^\.\/(loadSession|loadSync|loadConfetti|mountInto|mountElement)$/ }, (a) =>
      a.importer.includes('/widget/script/') ? undefined : { path: resolve(`widget/script/${a.path.slice(2)}.ts`) },
    );
  },
};
