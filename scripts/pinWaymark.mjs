// waymark-server depends on waymark. In this repository that is the package beside it (`file:..`); in the tarball
// `npm pack` or `npm publish` makes of server/, a path into this repository would mean nothing in the user's app
// (npm links it to the app's own node_modules). So server/'s prepack names the version range of the waymark built
// beside it, and its postpack puts the path back. Run from server/: `node ../scripts/pinWaymark.mjs [--restore]`.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCAL = 'file:..';
const { version } = JSON.parse(readFileSync('../package.json', 'utf8'));
const text = readFileSync('package.json', 'utf8');
const [from, to] = process.argv.includes('--restore') ? [`^${version}`, LOCAL] : [LOCAL, `^${version}`];
const before = `"waymark": "${from}"`;
if (!text.includes(before)) {
  console.error(`pinWaymark: server/package.json has no ${before}`);
  process.exit(1);
}
writeFileSync('package.json', text.replace(before, `"waymark": "${to}"`));
