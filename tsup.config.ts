import { defineConfig, type Options } from 'tsup';
// @ts-expect-error plain JS module without types (shared with scripts/size-breakdown.mjs)
import { scriptSiblings } from './scripts/scriptSiblings.mjs';

// The script-tag files: IIFEs, everything bundled, terser after esbuild (about 1 KB less on the main file).
const script = (entry: string, name: string, globalName?: string): Options => ({
  entry: { [name]: entry },
  format: ['iife'],
  platform: 'browser',
  target: 'es2020',
  globalName,
  minify: 'terser',
  terserOptions: { ecma: 2020 },
  esbuildOptions: (o) => void (o.minify = true),
  esbuildPlugins: [scriptSiblings],
  noExternal: [/.*/],
  outExtension: () => ({ js: '.js' }),
});

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
  // waymark/engine, for servers: built on its own so that it shares no chunk with the browser entry.
  { entry: { engine: 'src/engine.ts' }, format: ['esm', 'cjs'], dts: true, target: 'node20', platform: 'node', treeshake: true },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  // waymark/widget: ESM only (preact 11 ships ESM only); the package's dependencies stay external.
  { entry: { widget: 'widget/index.ts' }, format: ['esm'], dts: true, target: 'es2020', treeshake: true },
  // Script tag: the core, idb-keyval and the launcher in one IIFE (dist/waymark.global.js) that sets window.waymark,
  // and the three parts it loads on demand from beside itself: the Preact widget, the sync and canvas-confetti.
  script('widget/script/global.ts', 'waymark.global'),
  script('widget/script/ui.ts', 'waymark.ui', '__waymark_ui'),
  script('widget/script/sync.ts', 'waymark.sync', '__waymark_sync'),
  script('widget/script/confetti.ts', 'waymark.confetti', '__waymark_confetti'),
  // The stub as an external file for strict-CSP pages: dist/waymark.stub.js.
  { entry: { 'waymark.stub': 'widget/script/stub.js' }, format: ['iife'], minify: true, outExtension: () => ({ js: '.js' }) },
]);
