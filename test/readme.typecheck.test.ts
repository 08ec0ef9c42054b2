import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The README's snippets for the browser, pasted as they are into a fresh TypeScript app that installed waymark (and,
// for the React one, react and @types/react), type-checked with `strict` against the built package (dist/*.d.ts
// through package.json's exports).
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
  const dir = mkdtempSync(join(tmpdir(), 'waymark-readme-'));
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
      include: ['*.ts', '*.tsx'],
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

/** Every ```js block of the README that runs in the page: not the server's (waymark-server, node: modules). */
const browserSnippets = (readme: string) =>
  [...readme.matchAll(/^```js\n([\s\S]*?)^```/gm)]
    .map((m) => ({ line: readme.slice(0, m.index).split('\n').length, code: m[1] }))
    .filter(({ code }) => !/from '(waymark-server|node:[a-z]+)'/.test(code));

/**
 * A snippet as a reader pastes it into their app, after reading the sections before it: the imports it leaves to
 * those sections, and what it takes from the reader's own code (their definitions, their user, a client made earlier).
 */
const asModule = (code: string) => {
  const imports = [
    ['createWaymark', 'waymark'],
    ['mountWidget', 'waymark/widget'],
    ['defineElements', 'waymark/widget'],
  ]
    .filter(
      ([name]) => new RegExp(`\\b${name}\\(`).test(code) && !new RegExp(`import \\{[^}]*\\b${name}\\b`).test(code),
    )
    .map(([name, from]) => `import { ${name} } from '${from}';`);
  const theirs: Record<string, string> = {
    wm: "import('waymark').Waymark",
    milestones: "import('waymark').MilestoneDefinition[]",
    levels: "import('waymark').LevelDefinition[]",
    endpoint: 'string',
    user: '{ id: string; plan: string }',
    token: 'string',
    json: 'unknown',
  };
  const declared = Object.entries(theirs)
    .filter(([name]) => new RegExp(`\\b${name}\\b`).test(code) && !new RegExp(`^const ${name}\\b`, 'm').test(code))
    .map(([name, type]) => `declare const ${name}: ${type};`);
  return [...imports, ...declared, 'export {};', code].join('\n');
};

describe("README's snippets for the page", { timeout: 60_000 }, () => {
  const snippets = browserSnippets(readFileSync(join(repo, 'README.md'), 'utf8'));

  it('are found: the quick start, the widget, the sync, identity, translations and the API', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(8);
    expect(snippets.map((s) => s.code).join('\n')).toContain('mountWidget(wm, {');
  });

  it('pass tsc --strict as pasted, each in a file of its own (moduleResolution bundler)', () => {
    const dir = app({ module: 'esnext', moduleResolution: 'bundler' }, 'module');
    for (const { line, code } of snippets) writeFileSync(join(dir, `readme-line-${line}.ts`), asModule(code));
    expect(typecheck(dir)).toBe('');
  });

  it('control: the same app reports a mistake (a position the widget does not have)', () => {
    const dir = app({ module: 'esnext', moduleResolution: 'bundler' }, 'module');
    const widget = snippets.find((s) => s.code.includes("position: 'bottom-right'"))!;
    writeFileSync(join(dir, 'widget.ts'), asModule(widget.code.replace("'bottom-right'", "'bottom-middle'")));
    expect(typecheck(dir)).toContain('error TS2322');
  });
});

describe("docs/protocol.md's transport recipes", { timeout: 60_000 }, () => {
  const protocol = readFileSync(join(repo, 'docs/protocol.md'), 'utf8');
  const recipes = [...protocol.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  // The analytics tools' globals, as their own snippets define them.
  const tools = [
    'declare const analytics: { track(event: string, properties: object, options?: object): void };',
    'declare const posthog: { capture(event: string, properties: object): void };',
    'declare const amplitude: { track(event: string, properties: object, options?: object): void };',
    'export {};',
  ].join('\n');

  it('pass tsc --strict as pasted (moduleResolution bundler)', () => {
    expect(recipes.length).toBeGreaterThanOrEqual(2);
    const dir = app({ module: 'esnext', moduleResolution: 'bundler' }, 'module');
    for (const [i, code] of recipes.entries()) writeFileSync(join(dir, `recipe-${i}.ts`), `${tools}\n${code}`);
    expect(typecheck(dir)).toBe('');
  });
});
