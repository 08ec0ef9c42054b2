import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, parse } from 'es-module-lexer';
import { transformSync } from 'esbuild';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The unit suite a second time, against what ships: every public entry point a test imports from source is the
// built file in dist/ (`npm test` builds first), and a test never reaches source at all.
//
// Which tests run again is read from the import graph, not kept by hand: a test file runs here when what it imports
// at run time (through its helpers, fixtures and the example apps) reaches a public entry and nothing else of src/,
// widget/ or react/. Left out, each for its reason:
// - a test that imports an internal module (the engine's, the sync's, a widget part): dist/ has no such module to
//   hand it, and the built entries carry their own copy of it, so the test would prove the source anyway;
// - a test that imports no entry from source: it already tests dist/ (ssr, readme, the built widget and its
//   declarations), or nothing of waymark's code (the package's files), so a second run would prove nothing new;
// - server/test: waymark-server imports waymark by its name, which is dist/ already.
const root = fileURLToPath(new URL('.', import.meta.url));

/** Each public entry's source, and the built file that ships for it (package.json's exports, `import`). */
const entries: Record<string, string> = {
  'src/index.ts': 'dist/index.js',
  'src/engine.ts': 'dist/engine.js',
  'widget/index.ts': 'dist/widget.js',
  'widget/locales/index.ts': 'dist/widget-locales.js',
  'react/index.ts': 'dist/react.js',
};
/** The same entries by package name, as the example apps and the built widget import them. */
const named: Record<string, string> = {
  waymark: 'dist/index.js',
  'waymark/engine': 'dist/engine.js',
  'waymark/widget': 'dist/widget.js',
  'waymark/widget/locales': 'dist/widget-locales.js',
  'waymark/react': 'dist/react.js',
};
const source = ['src/', 'widget/', 'react/'];
const isSource = (path: string) => source.some((folder) => path.startsWith(folder));

/** The file a relative import names, as TypeScript's bundler resolution finds it (root-relative). */
const resolveFile = (from: string, specifier: string) => {
  const base = join(dirname(from), specifier);
  const tries = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  const found = tries.find((path) => /\.[cm]?[jt]sx?$/.test(path) && existsSync(join(root, path)));
  return found;
};

await init;
/** What a file reaches at run time: public entries, and modules of the source that are not one. */
function reach(file: string, seen = new Set<string>()): { entry: boolean; internal: string[] } {
  const result = { entry: false, internal: [] as string[] };
  if (seen.has(file)) return result;
  seen.add(file);
  const loader = file.endsWith('x') ? 'tsx' : 'ts';
  // esbuild drops type-only imports, which vanish in the build too; the lexer reads static and dynamic imports.
  const { code } = transformSync(readFileSync(join(root, file), 'utf8'), { loader, format: 'esm', jsx: 'automatic' });
  for (const { n: specifier } of parse(code)[0]) {
    if (!specifier) continue;
    if (specifier in named) result.entry = true;
    if (!specifier.startsWith('.')) continue;
    const target = resolveFile(file, specifier);
    if (!target) continue;
    if (target in entries) result.entry = true;
    else if (isSource(target)) result.internal.push(target);
    else if (!target.startsWith('dist/')) {
      const inner = reach(target, seen);
      result.entry ||= inner.entry;
      result.internal.push(...inner.internal);
    }
  }
  return result;
}

const testFiles = (folder: string): string[] =>
  readdirSync(join(root, folder), { withFileTypes: true }).flatMap((item) => {
    const path = `${folder}/${item.name}`;
    if (item.isDirectory()) return ['test/browser', 'test/e2e'].includes(path) ? [] : testFiles(path);
    return /\.test\.tsx?$/.test(item.name) ? [path] : [];
  });

/** Each unit test file that does not run against dist/, and why (`internal`: the first internal module it reaches). */
export const leftOut = new Map<string, string>();
/** The test files that run against dist/: those that reach a public entry and nothing internal. */
export const distTests = testFiles('test').filter((file) => {
  const { entry, internal } = reach(file);
  if (internal.length) leftOut.set(file, `imports ${internal[0]}`);
  else if (!entry) leftOut.set(file, 'imports no public entry from source');
  return entry && internal.length === 0;
});

/**
 * Resolves every public entry, by path or by name, to its built file, and fails any module of the source that is
 * loaded anyway: the probe that this run tests dist/ and nothing else.
 */
const builtEntries = (): Plugin => ({
  name: 'waymark-dist',
  enforce: 'pre',
  async resolveId(specifier, importer, options) {
    if (specifier in named) return resolve(root, named[specifier]);
    if (!specifier.startsWith('.') || !importer) return null;
    const resolved = await this.resolve(specifier, importer, { ...options, skipSelf: true });
    const built = resolved && entries[relative(root, resolved.id)];
    return built ? resolve(root, built) : resolved;
  },
  load(id) {
    const path = relative(root, id.split('?')[0]);
    if (isSource(path)) throw new Error(`the dist/ run loaded ${path} from source: it must test the built package`);
    return null;
  },
});

export default defineConfig({
  ...base,
  plugins: [builtEntries()],
  test: {
    ...base.test,
    include: distTests,
    exclude: [],
  },
});
