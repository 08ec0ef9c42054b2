import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The README's React snippet, pasted as it is into a fresh TypeScript app that installed waymark, react and
// @types/react, type-checked with `strict` against the built package (dist/*.d.ts through package.json's exports).
const repo = resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const apps: string[] = [];
afterAll(() => {
  for (const app of apps) rmSync(app, { recursive: true, force: true });
});

/** The first ```tsx block after `heading`. */
const snippet = (readme: string, heading: string) => {
  const section = readme.slice(readme.indexOf(heading));
  const start = section.indexOf('```tsx\n') + '```tsx\n'.length;
  return section.slice(start, section.indexOf('```', start));
};

/** A folder outside the repository with the app's dependencies in node_modules (links to this repository's). */
const app = (compilerOptions: Record<string, unknown>, packageType: 'module' | 'commonjs') => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-readme-react-'));
  apps.push(dir);
  mkdirSync(join(dir, 'node_modules/@types'), { recursive: true });
  symlinkSync(repo, join(dir, 'node_modules/waymark'), 'dir');
  symlinkSync(join(repo, 'node_modules/react'), join(dir, 'node_modules/react'), 'dir');
  symlinkSync(join(repo, 'node_modules/@types/react'), join(dir, 'node_modules/@types/react'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: packageType }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        jsx: 'react-jsx',
        target: 'es2020',
        lib: ['es2022', 'dom'],
        types: [],
        ...compilerOptions,
      },
      include: ['*.tsx'],
    }),
  );
  return dir;
};
const typecheck = (dir: string) => {
  try {
    execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return String((e as { stdout?: string }).stdout || e);
  }
};

describe("README's React snippet", { timeout: 60_000 }, () => {
  const code = snippet(readFileSync(join(repo, 'README.md'), 'utf8'), '## React');

  it('imports from the package, not from a file to copy', () => {
    expect(code).toContain("from 'waymark/react'");
    expect(code).not.toMatch(/from '\.\.?\//);
  });

  it('passes tsc --strict as pasted, with a bundler (moduleResolution bundler)', () => {
    const dir = app({ module: 'esnext', moduleResolution: 'bundler' }, 'module');
    writeFileSync(join(dir, 'App.tsx'), code);
    expect(typecheck(dir)).toBe('');
  });

  it('passes tsc --strict as pasted, in Node ES modules (module nodenext)', () => {
    const dir = app({ module: 'nodenext', moduleResolution: 'nodenext' }, 'module');
    writeFileSync(join(dir, 'App.tsx'), code);
    expect(typecheck(dir)).toBe('');
  });

  it('control: the same app reports a mistake (a milestone typed as a number)', () => {
    const dir = app({ module: 'esnext', moduleResolution: 'bundler' }, 'module');
    writeFileSync(join(dir, 'App.tsx'), code.replace("useMilestone(wm, 'ten-tasks')", 'useMilestone(wm, 10)'));
    expect(typecheck(dir)).toContain('error TS2345');
  });
});
