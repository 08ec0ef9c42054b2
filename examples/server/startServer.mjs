// Starts the reference backend on a port: opens the database, serves the app, closes both cleanly.
import { createServer } from 'node:http';
import { createApp } from './createApp.mjs';
import { openDatabase } from './openDatabase.mjs';

/**
 * @example
 * const server = await startServer({ port: 8787, databaseUrl: process.env.DATABASE_URL, dataDir: './data' });
 * console.log(server.url); // http://127.0.0.1:8787
 * await server.close();
 *
 * @param {Omit<import('./createApp.mjs').AppOptions, 'db'> & { port?: number, host?: string, databaseUrl?: string, dataDir?: string }} options
 */
export async function startServer({ port = 0, host = '127.0.0.1', databaseUrl, dataDir, ...options } = {}) {
  const db = await openDatabase({ url: databaseUrl, dataDir });
  const app = createApp({ ...options, db });
  const server = createServer(app.handle);
  server.requestTimeout = 30_000;
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const address = server.address();
  return {
    url: `http://${host}:${address.port}`,
    app,
    db,
    async close() {
      await new Promise((resolve) => {
        server.close(resolve);
        server.closeIdleConnections();
      });
      await app.idle();
      await db.close();
    },
  };
}
