// A tiny static server for the example (and the browser tests): serves the repository root on
// 127.0.0.1 and sends a strict Content-Security-Policy header with every response.
//   npm run build && node examples/plain-html/serve.mjs   ->  http://127.0.0.1:5175/examples/plain-html/
// Its own port (PORT to change it): the demo (`npm run demo`) has 5173, the React example 5174.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
};
export const CSP = "default-src 'self'";

/**
 * Starts the server; resolves with its base URL and a close function.
 *
 * @example
 * const { url, close } = await serve({ port: 0 });
 */
export const serve = ({ root = resolve(fileURLToPath(import.meta.url), '../../..'), port = 5175, csp = CSP } = {}) =>
  new Promise((done) => {
    const server = http.createServer((req, res) => {
      let path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
      if (path.startsWith(root) && existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
      if (!path.startsWith(root) || !existsSync(path)) {
        res.writeHead(404, { 'content-security-policy': csp }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': types[extname(path)] ?? 'application/octet-stream',
        'content-security-policy': csp,
        'cache-control': 'no-store',
      });
      createReadStream(path).pipe(res);
    });
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      done({ url, close: () => new Promise((r) => server.close(r)) });
    });
  });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve({ port: Number(process.env.PORT ?? 5175) });
  console.log(`waymark example: ${url}examples/plain-html/  (CSP: ${CSP})`);
}
