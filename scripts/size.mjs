// Size budgets, min+gzip, per import combination: bundles each with esbuild as an app would, then gzips it.
// Also checks that the README's size table states the figures measured here.
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1000;
const checks = [
  {
    name: "import { createWaymark } from 'waymark'",
    code: "export { createWaymark } from './dist/index.js';",
    budget: 5 * KB,
    // With the chunks loaded after start: the engine, storage and idb-keyval always; the sync only with an `endpoint`.
    total: 18 * KB,
  },
  {
    name: "waymark + waymark/widget",
    code: "export { createWaymark } from './dist/index.js'; export { mountWidget, defineElements } from './dist/widget.js';",
    budget: 20 * KB,
    needs: 'dist/widget.js',
  },
  // The script tag: the core, idb-keyval and a launcher drawn without Preact in one file; the Preact widget (first
  // opening, first celebration, first inline element), the sync (only with an endpoint) and canvas-confetti (first
  // celebration) load from the files beside it.
  {
    name: 'dist/waymark.global.js',
    file: 'dist/waymark.global.js',
    onDemand: ['dist/waymark.ui.js', 'dist/waymark.sync.js', 'dist/waymark.confetti.js'],
    budget: 22 * KB,
    needs: 'dist/waymark.global.js',
  },
];

const rows = [];
// Files loaded on demand have no budget of their own, but the README states their sizes too.
const onDemandRows = [];
for (const check of checks) {
  if (check.needs && !existsSync(check.needs)) {
    console.log(`size: ${check.name}: skipped, ${check.needs} is not built`);
    continue;
  }
  let bytes;
  let lazy = 0;
  let lazyFiles = [];
  if (check.file) {
    bytes = readFileSync(check.file);
    // Each file loads on its own occasion, so each is reported apart.
    for (const f of check.onDemand ?? []) {
      const figure = `${(gzipSync(readFileSync(f), { level: 9 }).length / KB).toFixed(2)} KB`;
      lazyFiles.push(`${f.split('/').pop()} ${figure}`);
      onDemandRows.push({ name: f, figure, ok: true });
    }
  } else {
    const out = await build({
      stdin: { contents: check.code, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      platform: 'browser',
      splitting: true,
      outdir: 'size-out',
      metafile: true,
      logLevel: 'silent',
    });
    // What the host's bundle pays up front: the entry and the chunks it imports statically.
    // Chunks behind import() load after start and are reported apart.
    const outputs = out.metafile.outputs;
    const entry = Object.keys(outputs).find((k) => outputs[k].entryPoint);
    const initial = new Set();
    const visit = (k) => {
      if (initial.has(k)) return;
      initial.add(k);
      for (const i of outputs[k].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
    };
    visit(entry);
    const gz = (f) => gzipSync(f.contents, { level: 9 }).length;
    const files = out.outputFiles.map((f) => ({ path: relative(process.cwd(), f.path), f }));
    bytes = Buffer.concat(files.filter((x) => initial.has(x.path)).map((x) => x.f.contents));
    lazy = files.filter((x) => !initial.has(x.path)).reduce((sum, x) => sum + gz(x.f), 0);
  }
  const size = gzipSync(bytes, { level: 9 }).length;
  const ok = size <= check.budget;
  const figure = `${(size / KB).toFixed(2)} KB`;
  const later = lazy ? `, plus ${(lazy / KB).toFixed(2)} KB loaded on demand` : lazyFiles.length ? `; on demand: ${lazyFiles.join(', ')}` : '';
  rows.push({ name: check.name, figure, ok });
  console.log(`size: ${check.name}: ${figure} min+gzip up front${later} (budget ${check.budget / KB} KB up front) ${ok ? 'ok' : 'OVER BUDGET'}`);
  if (check.total) {
    const all = size + lazy;
    const fits = all <= check.total;
    rows.push({ name: `${check.name}, in all`, figure: `${(all / KB).toFixed(2)} KB`, ok: fits });
    console.log(`size: ${check.name}, in all: ${(all / KB).toFixed(2)} KB min+gzip (budget ${check.total / KB} KB) ${fits ? 'ok' : 'OVER BUDGET'}`);
  }
}

rows.push(...onDemandRows);
let readme = existsSync('README.md') ? readFileSync('README.md', 'utf8') : '';
// `node scripts/size.mjs --write` puts the measured figures into the README's size rows.
if (process.argv.includes('--write')) {
  for (const { name, figure } of rows)
    readme = readme.replace(new RegExp(`^(\\| \`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\` \\| )[^|]+( \\|)`, 'm'), `$1${figure}$2`);
  writeFileSync('README.md', readme);
}
for (const row of rows) {
  const { name, figure } = row;
  const line = readme.split('\n').find((l) => l.startsWith('| ') && l.includes(`\`${name}\``));
  if (!line) {
    console.log(`size: README.md has no size row for \`${name}\``);
    row.ok = false;
  } else if (!line.includes(`| ${figure} |`)) {
    console.log(`size: README.md states another figure for \`${name}\`; measured ${figure}. Update the row: ${line}`);
    row.ok = false;
  }
}
const passed = rows.filter((r) => r.ok).length;
console.log(`size: ${passed} passed, ${rows.length - passed} failed`);
process.exit(passed === rows.length ? 0 : 1);
