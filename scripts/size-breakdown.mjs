// Where the script-tag build's bytes go: each source file's (or package's) minified bytes, and its share of the gzip
// total pro rata. An estimate for choosing what to shrink; scripts/size.mjs holds the budgets.
// Usage: node scripts/size-breakdown.mjs [entry, default widget/script/global.ts]

import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { inlineImports } from './inlineImports.mjs';
import { withMangling } from './mangle.mjs';

// As tsup.config.ts builds it (esbuild's minifier only, without terser): one file, import() made static, private
// properties shortened from mangle.json.
const options = {
  entryPoints: [process.argv[2] || 'widget/script/global.ts'],
  bundle: true,
  plugins: [inlineImports],
  minify: true,
  format: 'iife',
  write: false,
  platform: 'browser',
  target: 'es2020',
  metafile: true,
  logLevel: 'silent',
};
withMangling(options);
const out = await build(options);
const output = Object.values(out.metafile.outputs)[0];
const total = out.outputFiles[0].contents.length;
const gzipped = gzipSync(out.outputFiles[0].contents, { level: 9 }).length;
console.log('min', total, 'gz', gzipped, 'ratio', (gzipped / total).toFixed(3));
// Files of a package count as the package.
const groupOf = (path) => {
  if (!path.includes('node_modules/')) return path;
  const parts = path.split('node_modules/').at(-1).split('/');
  return parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
};
const groups = new Map();
for (const [path, { bytesInOutput }] of Object.entries(output.inputs))
  groups.set(groupOf(path), (groups.get(groupOf(path)) ?? 0) + bytesInOutput);
for (const [name, bytes] of [...groups].sort((a, b) => b[1] - a[1]))
  console.log(String(bytes).padStart(6), ((bytes * gzipped) / total / 1000).toFixed(2).padStart(6), name);
