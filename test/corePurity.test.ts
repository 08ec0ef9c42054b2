import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

// The engine, the client and the sync run anywhere, a server included: storage, tabs, the page, ids and the
// network are handed in (src/client/Platform.ts); the browser's live in src/platform/browser/. Two checks hold that
// rule over the real source, not a list: the import graph, and a compile of those folders with no browser in scope.

const core = ['src/engine', 'src/client', 'src/sync'];
const files = core.flatMap((folder) =>
  readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${folder}/${name}`),
);

/** Where each folder may import from at run time (type-only imports vanish in the build and are not counted). */
const allowed: Record<string, string[]> = {
  'src/engine': ['src/engine/', 'src/types.ts'],
  'src/sync': ['src/sync/', 'src/types.ts'],
  // The client loads the sync and the platform through the loaders its entry point hands in, never by import.
  'src/client': ['src/client/', 'src/engine/', 'src/types.ts'],
};

/** The run-time imports of one TypeScript file, static and dynamic, as written. */
const importsOf = (file: string) => {
  const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm' });
  const [imports] = parse(code);
  return imports.map((entry) => entry.n ?? code.slice(entry.s, entry.e));
};

const resolveFrom = (file: string, specifier: string) => {
  if (!specifier.startsWith('.')) return specifier;
  const path = relative('.', join(dirname(file), specifier));
  return /\.tsx?$/.test(path) ? path : `${path}.ts`;
};

describe('the core imports no platform', () => {
  beforeAll(() => init);

  it('finds the core files', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  for (const file of files) {
    it(file, () => {
      const folder = core.find((prefix) => file.startsWith(`${prefix}/`))!;
      const outside = importsOf(file)
        .map((specifier) => resolveFrom(file, specifier))
        .filter((target) => !allowed[folder].some((prefix) => target.startsWith(prefix)));
      expect(outside).toEqual([]);
    });
  }

  it('the check sees through what it checks: a platform import and a package import are caught', () => {
    const imports = ["import { x } from '../platform/browser/watchPage';", "const y = () => import('idb-keyval');"];
    const { code } = transformSync(`${imports.join('\n')}\nexport { x, y };`, { loader: 'ts', format: 'esm' });
    expect(parse(code)[0].map((entry) => resolveFrom('src/client/a.ts', entry.n!))).toEqual([
      'src/platform/browser/watchPage.ts',
      'idb-keyval',
    ]);
  });
});

// What every JavaScript runtime has (browsers, Node, Deno, workers: the WinterCG common minimum API), declared for
// the compile below; the standard library (ES2022) is in scope too. Anything else, `document`, `window`,
// `indexedDB`, `navigator`, `fetch`, `BroadcastChannel`, `crypto`, `process`, fails to compile.
const runtimeGlobals = `
declare function setTimeout(handler: (...args: any[]) => void, ms?: number, ...args: any[]): unknown;
declare function clearTimeout(id: unknown): void;
declare function queueMicrotask(callback: () => void): void;
declare function structuredClone<T>(value: T): T;
declare var console: { warn(...data: unknown[]): void; error(...data: unknown[]): void; log(...data: unknown[]): void };
declare class URLSearchParams { constructor(init?: Record<string, string>); set(name: string, value: string): void; toString(): string; }
`;

/** Compiles `roots` (and what they import) with only the standard library and the runtime globals in scope. */
const compileWithoutBrowser = (roots: string[], extra: Record<string, string> = {}) => {
  const options: ts.CompilerOptions = {
    lib: ['lib.es2022.d.ts'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const sources: Record<string, string> = { '/runtimeGlobals.d.ts': runtimeGlobals, ...extra };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile;
  host.readFile = (name) => sources[name] ?? readFile(name);
  const fileExists = host.fileExists;
  host.fileExists = (name) => name in sources || fileExists(name);
  const program = ts.createProgram([...roots, ...Object.keys(sources)], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${relative('.', diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start!).line + 1}: `
      : '';
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  });
};

describe('the core touches no browser global', () => {
  it('engine, client and sync compile with no browser (and no Node) in scope', () => {
    expect(compileWithoutBrowser(files)).toEqual([]);
  }, 60_000);

  it('the check sees through what it checks: `typeof document` and `globalThis.indexedDB` do not compile', () => {
    const probe = '/probe.ts';
    const code = "export const a = typeof document === 'object';\nexport const b = globalThis.indexedDB;\n";
    const problems = compileWithoutBrowser([probe], { [probe]: code });
    expect(problems).toEqual([
      expect.stringContaining("Cannot find name 'document'"),
      expect.stringContaining("'typeof globalThis' has no index signature"),
    ]);
  }, 60_000);
});
