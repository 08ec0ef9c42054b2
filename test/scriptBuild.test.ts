import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types
import { inlineDynamicImports } from '../scripts/inlineImports.mjs';

describe('the one-file script-tag build', () => {
  it('dist/waymark.global.js loads nothing: no import(), no script element, no file name of its own', () => {
    if (!existsSync('dist/waymark.global.js')) throw new Error('dist/waymark.global.js is missing: build first');
    const file = readFileSync('dist/waymark.global.js', 'utf8');
    expect(file).not.toMatch(/\bimport\s*\(/);
    expect(file).not.toContain('createElement("script")');
    expect(file).not.toMatch(/waymark\.\w+\.js/);
    // The whole widget is in it: the panel's dialog and canvas-confetti's cannon.
    expect(file).toContain('"dialog"');
    expect(file).toContain('useWorker');
  });

  it('package.json exports no other script-tag file', async () => {
    const pkg = (await import('../package.json')).default as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports).filter((key) => key.startsWith('./waymark.'))).toEqual(['./waymark.global.js', './waymark.stub.js']);
  });
});

describe('inlineDynamicImports (scripts/inlineImports.mjs)', () => {
  it('turns each import() of a literal into a static import and a promise of its namespace', () => {
    const out = inlineDynamicImports("export const load = () => import('./a');\nconst b = () => import(\"b\").then((m) => m.x);");
    expect(out).toMatch(/^import \* as (__inline\d+) from "\.\/a";\nimport \* as (__inline\d+) from "b";\n/);
    expect(out).toMatch(/export const load = \(\) => Promise\.resolve\(__inline\d+\);/);
    expect(out).toMatch(/const b = \(\) => Promise\.resolve\(__inline\d+\)\.then\(\(m\) => m\.x\);$/);
    expect(out).not.toContain('import(');
  });

  it('leaves modules without dynamic imports, and import() of a computed name, alone', () => {
    expect(inlineDynamicImports("import { a } from './a';\nexport const b = a;")).toBeUndefined();
    expect(inlineDynamicImports('export const load = (name) => import(name);')).toBeUndefined();
  });
});
