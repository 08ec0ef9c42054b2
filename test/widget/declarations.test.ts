// The built declarations: dist/widget.d.ts imports the core's types from 'waymark' instead of carrying copies, so an
// app's `Waymark` and the widget's are one type. Needs the build (npm test builds first).
import { existsSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const read = (file: string) => {
  if (!existsSync(file)) throw new Error(`${file} is missing: build first`);
  return readFileSync(file, 'utf8');
};

// The names a declaration file declares itself (interfaces, type aliases, functions, constants), not those it imports.
const declared = (text: string) => {
  const source = ts.createSourceFile('x.d.ts', text, ts.ScriptTarget.ES2020);
  const names: string[] = [];
  for (const node of source.statements) {
    const named = ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isFunctionDeclaration(node);
    if (named && node.name) names.push(node.name.text);
    if (ts.isVariableStatement(node))
      for (const d of node.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
  }
  return names;
};

describe('dist/widget.d.ts', () => {
  for (const file of ['dist/widget.d.ts', 'dist/widget.d.cts']) {
    it(`${file} imports the core's types from 'waymark' and declares none of them`, () => {
      const widget = read(file);
      const core = new Set(declared(read('dist/index.d.ts')));
      expect(core.has('Waymark')).toBe(true);
      expect(widget).toMatch(/^import \{[^}]*\bWaymark\b[^}]*\} from 'waymark';$/m);
      expect(declared(widget).filter((name) => core.has(name))).toEqual([]);
      expect(declared(widget)).toContain('WidgetOptions');
    });
  }

  it("type-checks an app that hands createWaymark's client to mountWidget, by the packages' names", () => {
    const app = [
      "import { createWaymark, type WaymarkError } from 'waymark';",
      "import { mountWidget, type WidgetOptions } from 'waymark/widget';",
      "const wm = createWaymark({ projectKey: 'pk_types' });",
      'const onError = (error: WaymarkError) => console.warn(error.code);',
      "const options: WidgetOptions = { position: 'bottom-left', onError };",
      'mountWidget(wm, options).destroy();',
      '// @ts-expect-error: a client is required',
      'mountWidget({ track() {} }, options);',
    ].join('\n');
    const host = ts.createCompilerHost({});
    const readFile = host.readFile;
    // The app is a file that does not exist on disk; everything else, the packages included, is read as it is.
    const appFile = `${process.cwd()}/declarations-app.ts`;
    host.readFile = (name) => (name === appFile ? app : readFile(name));
    host.fileExists = (
      (exists) => (name: string) =>
        name === appFile || exists(name)
    )(host.fileExists);
    // Resolved as an app resolves them (package.json exports, here the package's own name), without the repository's
    // tsconfig, whose paths map 'waymark' to the source.
    const program = ts.createProgram({
      rootNames: [appFile],
      options: {
        strict: true,
        noEmit: true,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        target: ts.ScriptTarget.ES2020,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
        types: [],
      },
      host,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
    const files = program.getSourceFiles().map((f) => f.fileName.replace(`${process.cwd()}/`, ''));
    expect(files).toContain('dist/widget.d.ts');
    expect(files).toContain('dist/index.d.ts');
    // A whole type-check with the DOM's declarations: seconds on a loaded machine.
  }, 60_000);
});
