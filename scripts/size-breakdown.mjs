// Where the script-tag build's bytes go: each source file's (or package's) minified bytes, and its share of the gzip
// total pro rata. An estimate for choosing what to shrink; scripts/size.mjs holds the budgets.
// Usage: node scripts/size-breakdown.mjs [entry, default widget/script/global.ts]
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { scriptSiblings } from './scriptSiblings.mjs';
// As tsup.config.ts builds it (esbuild's minifier only, without terser): the session in the same file; the widget, sync
// and confetti from the files beside it.
const out = await build({ entryPoints: [process.argv[2] || 'widget/script/global.ts'], bundle: true, plugins: [scriptSiblings], minify: true, format: 'iife', write: false, platform: 'browser', target: 'es2020', metafile: true, logLevel: 'silent' });
const o = Object.values(out.metafile.outputs)[0];
const total = out.outputFiles[0].contents.length;
const gz = gzipSync(out.outputFiles[0].contents, { level: 9 }).length;
console.log('min', total, 'gz', gz, 'ratio', (gz/total).toFixed(3));
const rows = Object.entries(o.inputs).map(([k, v]) => [k, v.bytesInOutput]).sort((a, b) => b[1] - a[1]);
const groups = {};
for (const [k, b] of rows) { const g = k.includes('node_modules') ? k.split('node_modules/')[1].split('/').slice(0, k.includes('@') ? 2 : 1).join('/') : k; groups[g] = (groups[g] || 0) + b; }
for (const [k, b] of Object.entries(groups).sort((a, b) => b[1] - a[1])) console.log(String(b).padStart(6), (b * gz / total / 1000).toFixed(2).padStart(6), k);
