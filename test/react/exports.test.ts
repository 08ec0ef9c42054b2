// Runs in plain Node: the `waymark/react` entry, from the source and as built, for `import` and `require`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as source from '../../react/index';

const surface = ['useLevels', 'useMilestone', 'useMilestones', 'useWaymark'];
const poison = `
  const touched = [];
  for (const name of ['window', 'document', 'indexedDB', 'navigator', 'customElements', 'matchMedia', 'HTMLElement']) {
    Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
  }
`;

describe('waymark/react entry', () => {
  it('the source exports exactly the hooks', () => {
    expect(Object.keys(source).sort()).toEqual(surface);
  });

  it("import and require('waymark/react') resolve to the built files, export the hooks and touch no browser global", () => {
    for (const file of ['dist/react.js', 'dist/react.cjs'])
      if (!existsSync(file)) throw new Error(`${file} is missing: build first`);
    const esm = `${poison} const mod = await import('waymark/react'); console.log(JSON.stringify({ touched, exports: Object.keys(mod).sort() }));`;
    const cjs = `${poison} const mod = require('waymark/react'); console.log(JSON.stringify({ touched, exports: Object.keys(mod).sort(), file: require.resolve('waymark/react').split('/').pop() }));`;
    const run = (type: string, script: string) =>
      JSON.parse(execFileSync(process.execPath, [`--input-type=${type}`, '-e', script], { encoding: 'utf8' }));
    expect(run('module', esm)).toEqual({ touched: [], exports: surface });
    expect(run('commonjs', cjs)).toEqual({ touched: [], exports: surface, file: 'react.cjs' });
  });

  it('package.json: react is an optional peer dependency, never a dependency', async () => {
    const pkg = (await import('../../package.json')).default as Record<string, any>;
    expect(pkg.dependencies.react).toBeUndefined();
    expect(pkg.peerDependencies.react).toMatch(/\^19/);
    expect(pkg.peerDependenciesMeta.react).toEqual({ optional: true });
    expect(pkg.exports['./react']).toEqual({
      types: './dist/react.d.ts',
      import: './dist/react.js',
      require: './dist/react.cjs',
    });
  });
});
