import { defineConfig } from 'tsup';

// waymark-server for Node 20: ESM, its dependencies (waymark included) left as imports.
export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: true,
    clean: true,
    platform: 'node',
    target: 'node20',
    sourcemap: true,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: true,
  },
  // The dashboard's browser script and styles (uPlot included): dist/dashboard/dashboard.{js,css}.
  {
    entry: { 'dashboard/dashboard': 'src/dashboard/client/dashboard.ts' },
    format: ['iife'],
    platform: 'browser',
    target: 'es2020',
    minify: true,
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
  },
]);
