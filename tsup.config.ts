import { defineConfig, type Options } from 'tsup';
// @ts-expect-error plain JS module without types (shared with scripts/size-breakdown.mjs)
import { inlineImports } from './scripts/inlineImports.mjs';
// @ts-expect-error plain JS module without types (shared with scripts/size-breakdown.mjs)
import { checkMangleTable, withMangling } from './scripts/mangle.mjs';

// Every build shortens the private properties (names ending in one underscore) from the one table in mangle.json.
const mangled: Options = { esbuildOptions: withMangling, esbuildPlugins: [checkMangleTable] };

// The script tag, dist/waymark.global.js: one IIFE that sets window.waymark and holds everything (the core, the sync,
// the Preact widget, canvas-confetti), so nothing needs to be served beside it. The ESM build's import() calls become
// static imports in it (scripts/inlineImports.mjs); terser runs after esbuild's minifier (about 1 KB less).
// It speaks English; dist/waymark.<locale>.global.js are the same file with one more string set each, so that a page
// pays for its own language only (the five sets together were 3.26 KB min+gzip of the one file that carried them all).
const scriptLocales = ['de', 'fr', 'es', 'pt-BR', 'ja'];
const script: Options = {
  entry: {
    'waymark.global': 'widget/script/global.ts',
    ...Object.fromEntries(scriptLocales.map((tag) => [`waymark.${tag}.global`, `widget/script/global.${tag}.ts`])),
  },
  format: ['iife'],
  platform: 'browser',
  target: 'es2020',
  minify: 'terser',
  terserOptions: { ecma: 2020 },
  esbuildOptions: (options) => {
    withMangling(options);
    options.minify = true;
  },
  esbuildPlugins: [inlineImports, checkMangleTable],
  noExternal: [/.*/],
  outExtension: () => ({ js: '.js' }),
};

export default defineConfig([
  {
    ...mangled,
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'es2020',
    treeshake: true,
    sourcemap: false,
  },
  // waymark/engine, for servers: built on its own so that it shares no chunk with the browser entry.
  {
    ...mangled,
    entry: { engine: 'src/engine.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'node20',
    platform: 'node',
    treeshake: true,
  },
  {
    ...mangled,
    entry: { cli: 'src/cli/runCli.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  // waymark/widget for `import`: the package's dependencies stay external, confetti a chunk of its own.
  // The core's types stay imports from 'waymark' in its .d.ts (the widget imports them by that name), never copies.
  {
    ...mangled,
    entry: { widget: 'widget/index.ts' },
    format: ['esm'],
    dts: true,
    target: 'es2020',
    treeshake: true,
    external: ['waymark'],
  },
  // waymark/widget for `require`: preact 11 is ESM only, and `require()` of ESM fails on Node 20 before 20.19 (and
  // with --no-experimental-require-module), and in CommonJS test runners such as Jest. So this build carries its own
  // copy of preact, @preact/signals (which must hook into that same copy) and canvas-confetti. Nothing of Preact
  // crosses the widget's API, so a second copy in an app is only bytes, never a second, diverging state.
  {
    ...mangled,
    entry: { widget: 'widget/index.ts' },
    format: ['cjs'],
    dts: true,
    target: 'es2020',
    treeshake: true,
    noExternal: ['preact', '@preact/signals', '@preact/signals-core', 'canvas-confetti'],
    external: ['waymark'],
  },
  // waymark/react: hooks on useSyncExternalStore; react is a peer dependency and stays external.
  {
    ...mangled,
    entry: { react: 'react/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'es2020',
    treeshake: true,
    external: ['react'],
  },
  // waymark/widget/locales: string sets only (plain data), for `import` and `require`; each set tree-shakes apart.
  {
    ...mangled,
    entry: { 'widget-locales': 'widget/locales/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    target: 'es2020',
    treeshake: true,
  },
  script,
  // The stub as an external file for strict-CSP pages: dist/waymark.stub.js.
  {
    entry: { 'waymark.stub': 'widget/script/stub.js' },
    format: ['iife'],
    minify: true,
    outExtension: () => ({ js: '.js' }),
  },
]);
