// What the sync benchmarks share: waymark's own source modules bundled and loaded in this process (the parts under
// test, not dist/, which keeps them internal). Their Map storage is the one that ships, createMemoryStorage (it
// clones on the way in and out, as IndexedDB does).
import { build } from 'esbuild';

/**
 * Bundles and imports the named exports of source files, e.g.
 * `await importSource({ createSync: 'src/sync/createSync.ts' })` answers `{ createSync }`.
 */
export async function importSource(exports) {
  const bundle = await build({
    stdin: {
      contents: Object.entries(exports)
        .map(([name, file]) => `export { ${name} } from './${file}';`)
        .join('\n'),
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
}
