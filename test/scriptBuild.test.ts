import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS module without types
import { inlineDynamicImports } from '../scripts/inlineImports.mjs';

// Each script-tag file and the title of the one string set it carries besides English (none for the English file).
const FILES: [string, string | undefined][] = [
  ['waymark.global.js', undefined],
  ['waymark.de.global.js', 'Dein Fortschritt'],
  ['waymark.fr.global.js', 'Votre progression'],
  ['waymark.es.global.js', 'Tu progreso'],
  ['waymark.pt-BR.global.js', 'Seu progresso'],
  ['waymark.ja.global.js', 'あなたの進捗'],
];
const read = (name: string) => {
  if (!existsSync(`dist/${name}`)) throw new Error(`dist/${name} is missing: build first`);
  return readFileSync(`dist/${name}`, 'utf8');
};

describe('the one-file script-tag builds', () => {
  it.each(FILES)('dist/%s loads nothing: no import(), no script element, no file name of its own', (name) => {
    const file = read(name);
    expect(file).not.toMatch(/\bimport\s*\(/);
    expect(file).not.toContain('createElement("script")');
    expect(file).not.toMatch(/waymark\.\w+\.js/);
    // The whole widget is in it: the panel's dialog and canvas-confetti's cannon.
    expect(file).toContain('"dialog"');
    expect(file).toContain('useWorker');
  });

  it.each(FILES)('dist/%s carries English and its own string set only', (name, title) => {
    const file = read(name);
    expect(file).toContain('"Your progress"');
    for (const [, other] of FILES) if (other) expect(file.includes(other), other).toBe(other === title);
  });

  it('package.json exports these files and the stub, no other script-tag file', async () => {
    const pkg = (await import('../package.json')).default as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports).filter((key) => key.startsWith('./waymark.'))).toEqual([
      ...FILES.map(([name]) => `./${name}`),
      './waymark.stub.js',
    ]);
  });
});

describe('inlineDynamicImports (scripts/inlineImports.mjs)', () => {
  it('turns each import() of a literal into a static import and a promise of its namespace', () => {
    const out = inlineDynamicImports(
      'export const load = () => import(\'./a\');\nconst b = () => import("b").then((m) => m.x);',
    );
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
