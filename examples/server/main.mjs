#!/usr/bin/env node
// The reference backend, from the command line:
//   npm run server                       embedded PGlite in ./.waymark-data
//   DATABASE_URL=postgres://… npm run server
// Settings (environment): PORT (8787), HOST (127.0.0.1), DATABASE_URL, DATA_DIR, DEFINITIONS (a JSON file
// with { milestones, levels }), ORIGINS (comma-separated, or *), PROJECT_KEYS (comma-separated), BODY_LIMIT (bytes).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './startServer.mjs';

const env = process.env;
const list = (value) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
const definitionsFile = env.DEFINITIONS ?? fileURLToPath(new URL('./definitions.json', import.meta.url));

let createWaymark;
try {
  ({ createWaymark } = await import('../../dist/index.js'));
} catch {
  console.warn('[waymark-server] dist/ is not built (npm run build): achievements will not be verified');
}

const server = await startServer({
  port: Number(env.PORT ?? 8787),
  host: env.HOST ?? '127.0.0.1',
  databaseUrl: env.DATABASE_URL,
  dataDir: env.DATABASE_URL ? undefined : (env.DATA_DIR ?? '.waymark-data'),
  definitions: JSON.parse(readFileSync(definitionsFile, 'utf8')),
  origins: list(env.ORIGINS) ?? ['*'],
  projectKeys: list(env.PROJECT_KEYS),
  bodyLimit: env.BODY_LIMIT ? Number(env.BODY_LIMIT) : undefined,
  createWaymark,
});
console.log(`[waymark-server] ${server.db.kind} · listening on ${server.url} · endpoint: ${server.url}`);
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => server.close().then(() => process.exit(0)));
