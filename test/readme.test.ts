import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's quick start, pasted as it is into a Node script against the built package.
describe('README', () => {
  it('the quick start works when pasted', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Quick start'));
    const code = section.slice(section.indexOf('```js') + 5, section.indexOf('```', section.indexOf('```js') + 5));
    const script = code.replace(
      "from 'waymark'",
      `from ${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)}`,
    );
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out.trim().split('\n')).toEqual([
      'Create your first project: 1 / 1',
      '🎉 Create your first project',
      'Complete 10 tasks: 1 / 10',
    ]);
  });
});
