import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { addressProblem, bareHost } from './addressProblem';
import { span } from './retrySchedule';
import { type Lookup, RefusedAddressError } from './safeLookup';

/** What one attempt came to: the HTTP status when there was an answer, else why not. */
export interface AttemptResult {
  status?: number;
  error?: string;
  durationMs: number;
}

/** Connections kept alive between deliveries (one pair per server): a TLS handshake per webhook would cost more than the webhook. */
export const createAgents = () => ({
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
});
export type Agents = ReturnType<typeof createAgents>;

const MAX_BODY = 64 * 1024;

/**
 * POSTs one webhook and answers how it went, never throwing: a status (any, the caller decides what is success), or
 * an error (refused address, DNS, connection, no answer within `timeoutMs`). Redirects are not followed (a 3xx is
 * an answer, and following it could lead to a private address). Connections go through `lookup`, which refuses
 * private addresses; an IP literal in the URL is checked here, since no lookup is made for it.
 *
 * @example
 * const result = await postWebhook('https://crm.example.com/hooks', body, headers, { lookup, agents, timeoutMs: 15_000, allowPrivateNetworks: false });
 */
export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  o: { lookup: Lookup; agents: Agents; timeoutMs: number; allowPrivateNetworks: boolean },
): Promise<AttemptResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const url = new URL(target);
    const host = bareHost(url);
    const literal = isIP(host) ? addressProblem(host) : undefined;
    if (literal && !o.allowPrivateNetworks)
      return resolve({
        error: `${host} is ${literal}: refused (SSRF); allowPrivateNetworks is off`,
        durationMs: took(),
      });
    let status: number | undefined;
    let settled = false;
    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        ...(status !== undefined && { status }),
        ...(status === undefined && error && { error }),
        durationMs: took(),
      });
    };
    const secure = url.protocol === 'https:';
    const request = (secure ? https : http).request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: o.lookup as never,
      agent: secure ? o.agents.https : o.agents.http,
    });
    const timer = setTimeout(() => {
      // The status line counts: a 2xx within the time is success, even if the body is still coming.
      finish(`no answer within ${span(o.timeoutMs)}`);
      request.destroy();
    }, o.timeoutMs);
    request.on('response', (response) => {
      status = response.statusCode;
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY) {
          finish();
          response.destroy();
        }
      });
      response.on('end', () => finish());
      response.on('error', () => finish());
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish(
        error instanceof RefusedAddressError || !error.code || error.message.includes(error.code)
          ? error.message
          : `${error.code}: ${error.message}`,
      ),
    );
    request.end(body);
  });
}
