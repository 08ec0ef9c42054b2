// Bundles the React example with esbuild and serves it with the plain-html example's static server
// (strict CSP: default-src 'self').   node examples/react/serve.mjs  ->  http://127.0.0.1:5174/examples/react/

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { serve } from '../plain-html/serve.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Bundles `main.tsx` into `examples/react/dist/` (ESM, with the lazily loaded chunks split out).
 *
 * @example
 * await bundle();
 */
export const bundle = () =>
  build({
    entryPoints: [`${here}main.tsx`],
    outdir: `${here}dist`,
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundle();
  const { url } = await serve({ port: Number(process.env.PORT ?? 5174) });
  console.log(`waymark React example: ${url}examples/react/`);
}
