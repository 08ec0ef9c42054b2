// The esbuild plugin that makes the script-tag build: what the ESM build loads with import() (`./loadSession`,
// `./loadSync`, `./loadConfetti`) resolves to widget/script/*.ts instead: the session in the same file, the sync and
// canvas-confetti from the files beside waymark.global.js. Used by tsup.config.ts and scripts/size-breakdown.mjs.
import { resolve } from 'node:path';

/** @type {import('esbuild').Plugin} */
export const scriptSiblings = {
  name: 'waymark-script-siblings',
  setup(build) {
    build.onResolve({ filter: /^\.\/(loadSession|loadSync|loadConfetti)$/ }, (a) => ({ path: resolve(`widget/script/${a.path.slice(2)}.ts`) }));
  },
};
