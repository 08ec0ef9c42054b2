import type { Transport } from '../../sync/types';

export interface FetchTransportOptions {
  /** Gzip request bodies longer than this many characters, where `CompressionStream` exists. Off by default: the backend must accept `Content-Encoding: gzip`. */
  gzipAbove?: number;
  /** Default `globalThis.fetch`, looked up at call time. */
  fetch?: typeof fetch;
}

/**
 * The default `Transport`: `fetch` with a timeout (abort + reject), `keepalive` passed through,
 * and optional gzip. The answer's body is read inside the timeout. Touches nothing until called.
 *
 * @example
 * const transport = createFetchTransport({ gzipAbove: 2048 });
 * const res = await transport({ url: 'https://api.example.com/v1/state', method: 'GET', headers: {}, timeoutMs: 10_000 });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createFetchTransport(options: FetchTransportOptions = {}): Transport {
  return async ({ url, method, headers, body, keepalive, timeoutMs }) => {
    const h = { ...headers };
    // Compression is asynchronous, and a page being hidden may not get a second turn: keepalive bodies go as they are.
    if (
      typeof body === 'string' &&
      body.length > (options.gzipAbove ?? Infinity) &&
      !keepalive &&
      typeof CompressionStream === 'function'
    ) {
      body = new Uint8Array(
        await new Response(new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
      );
      h['content-encoding'] = 'gzip';
    }
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const [res, text] = await Promise.race([
        (options.fetch || fetch)(url, {
          method,
          headers: h,
          body: body as BodyInit,
          keepalive,
          signal: abort.signal,
        }).then(async (r) => [r, await r.text()] as const),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            abort.abort();
            reject(new Error(`no answer within ${timeoutMs} ms`));
          }, timeoutMs);
        }),
      ]);
      return { status: res.status, header: (name) => res.headers.get(name), json: async () => JSON.parse(text) };
    } finally {
      clearTimeout(timer);
    }
  };
}
