import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'es2020',
    treeshake: true,
    sourcemap: false,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  // waymark/widget: ESM only (preact 11 ships ESM only); the package's dependencies stay external.
  { entry: { widget: 'widget/index.ts' }, format: ['esm'], dts: true, target: 'es2020', treeshake: true },
  // Script tag: core + widget + dependencies in one IIFE (dist/waymark.global.js) that sets window.waymark.
  { entry: { waymark: 'widget/global.ts' }, format: ['iife'], platform: 'browser', target: 'es2020', minify: 'terser', terserOptions: { ecma: 2020 }, esbuildOptions: (o) => void (o.minify = true), noExternal: [/.*/] },
  // The stub as an external file for strict-CSP pages: dist/waymark.stub.js.
  { entry: { 'waymark.stub': 'widget/stub.js' }, format: ['iife'], minify: true, outExtension: () => ({ js: '.js' }) },
]);
