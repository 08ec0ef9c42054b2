import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got: its path, headers and the body exactly as sent. */
export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The parsed body. */
  json: any;
  /** Whether the receiver answered it (false while it hangs). */
  answered: boolean;
}

/** What the receiver does with a request: answer with a status, or `'hang'` (never answer until closed). */
export type Answer = (r: Received, seen: Received[]) => number | 'hang';

/** A fresh Standard Webhooks secret: `whsec_` + base64 of 24 random bytes. */
export const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * A real webhook receiver: node:http on 127.0.0.1, keeping every request. `answer` decides each response.
 */
export async function startReceiver(answer: Answer = () => 200) {
  const seen: Received[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const r: Received = { path: req.url ?? '', headers: req.headers, body, json: JSON.parse(body), answered: false };
      seen.push(r);
      const status = receiver.answer(r, seen);
      if (status === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      r.answered = true;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const receiver = {
    answer,
    seen,
    port,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    at: (path: string) => seen.filter((r) => r.path === path),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return receiver;
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
