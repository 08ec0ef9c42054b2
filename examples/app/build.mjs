#!/usr/bin/env node
// Bundles the example app with esbuild into examples/app/dist/ (what a Vite or tsup app build does).
//   npm run build && node examples/app/build.mjs
// `import { createWaymark } from 'waymark'` resolves as in any app that installed waymark: through the
// package's `exports`. Inside this repository, Node's package self-reference (which esbuild follows) points it
// at the repository's own package, so the app is built against the freshly built dist/.
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

if (!existsSync(here('../../dist/index.js')) || !existsSync(here('../../dist/widget.js'))) {
  console.error('examples/app: dist/ is not built; run `npm run build` first');
  process.exit(1);
}

rmSync(here('dist'), { recursive: true, force: true }); // no stale chunks from an earlier build
await build({
  entryPoints: [here('main.ts')],
  outdir: here('dist'),
  bundle: true,
  format: 'esm',
  splitting: true, // waymark loads its engine, sync and confetti lazily: keep them as separate chunks
  minify: true,
  sourcemap: true,
  target: 'es2020',
  logLevel: 'warning',
});
console.log('examples/app: built examples/app/dist/main.js');
