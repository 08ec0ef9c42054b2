// Size budgets, min+gzip, per import combination: bundles each with esbuild as an app would, then gzips it.
// Also checks that the README's size table states the figures measured here.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const KB = 1000;
const checks = [
  { name: "import { createWaymark } from 'waymark'", code: "export { createWaymark } from './dist/index.js';", budget: 5 * KB },
  {
    name: "waymark + waymark/widget",
    code: "export { createWaymark } from './dist/index.js'; export { mountWidget, defineElements } from './dist/widget.js';",
    budget: 20 * KB,
    needs: 'dist/widget.js',
  },
  { name: 'dist/waymark.global.js', file: 'dist/waymark.global.js', budget: 22 * KB, needs: 'dist/waymark.global.js' },
];

let failed = false;
const rows = [];
for (const check of checks) {
  if (check.needs && !existsSync(check.needs)) {
    console.log(`size: ${check.name}: skipped, ${check.needs} is not built`);
    continue;
  }
  let bytes;
  if (check.file) bytes = readFileSync(check.file);
  else {
    const out = await build({
      stdin: { contents: check.code, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      platform: 'browser',
      // Chunks loaded with import() on demand are not part of the initial cost.
      splitting: false,
      logLevel: 'silent',
    });
    bytes = out.outputFiles[0].contents;
  }
  const size = gzipSync(bytes, { level: 9 }).length;
  const ok = size <= check.budget;
  failed ||= !ok;
  const figure = `${(size / KB).toFixed(2)} KB`;
  rows.push({ name: check.name, figure });
  console.log(`size: ${check.name}: ${figure} min+gzip (budget ${check.budget / KB} KB) ${ok ? 'ok' : 'OVER BUDGET'}`);
}

const readme = existsSync('README.md') ? readFileSync('README.md', 'utf8') : '';
for (const { name, figure } of rows) {
  const line = readme.split('\n').find((l) => l.startsWith('| ') && l.includes(`\`${name}\``));
  if (!line) {
    console.log(`size: README.md has no size row for \`${name}\``);
    failed = true;
  } else if (!line.includes(`| ${figure} |`)) {
    console.log(`size: README.md states another figure for \`${name}\`; measured ${figure}. Update the row: ${line}`);
    failed = true;
  }
}
const budgets = rows.length;
console.log(`size: ${failed ? 0 : budgets} passed, ${failed ? budgets : 0} failed`);
process.exit(failed ? 1 : 0);
