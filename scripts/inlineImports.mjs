// An esbuild plugin for the one-file script-tag build (dist/waymark.global.js). Every `import('x')` with a literal
// specifier in our own source becomes a static `import * as` of x and a promise of that namespace. The file holds
// every module anyway; what changes is how esbuild lays them out. Left alone, esbuild keeps each dynamically imported
// module graph lazy by wrapping every module in it in an initialiser function (measured: 0.5 KB min+gzip more for the
// session, the sync and canvas-confetti). No module of ours has effects at import time, so running them all when the
// file runs is the same program. The source is the same for both builds: nothing is swapped by file name.
// Used by tsup.config.ts and scripts/size-breakdown.mjs.

import { readFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { initSync, parse } from 'es-module-lexer';
import { transform } from 'esbuild';

let count = 0;

/**
 * Rewrites the dynamic imports of one module's JavaScript; `undefined` when it has none.
 *
 * @example
 * inlineDynamicImports("const load = () => import('./a');");
 * // "import * as __inline0 from './a';\nconst load = () => Promise.resolve(__inline0);"
 */
export const inlineDynamicImports = (js) => {
  initSync();
  const [imports] = parse(js);
  const dynamic = imports.filter((i) => i.d > -1 && i.n !== undefined);
  if (dynamic.length === 0) return undefined;
  let out = '';
  let at = 0;
  const head = [];
  for (const i of dynamic) {
    const name = `__inline${count++}`;
    head.push(`import * as ${name} from ${JSON.stringify(i.n)};`);
    out += `${js.slice(at, i.ss)}Promise.resolve(${name})`;
    at = i.se;
  }
  return `${head.join('\n')}\n${out}${js.slice(at)}`;
};

/** @type {import('esbuild').Plugin} */
export const inlineImports = {
  name: 'waymark-inline-imports',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import(')) return undefined;
      // Types go first, so that `typeof import('x')` in a type is not taken for a dynamic import.
      const { code } = await transform(source, {
        loader: extname(args.path).slice(1),
        format: 'esm',
        jsx: 'automatic',
        jsxImportSource: 'preact',
      });
      const contents = inlineDynamicImports(code);
      return contents === undefined ? undefined : { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};
