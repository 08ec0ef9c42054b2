import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Answers a request that is not valid HTTP (a raw non-ASCII byte in the URL, headers over Node's 16 KB, a request
 * that never finished) before Fastify sees it: a JSON `{ error }` naming the problem, with `Connection: close`, then
 * closes the connection, so a client never sends its next request on a socket that is going away.
 *
 * @example
 * Fastify({ clientErrorHandler });
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers: the URL and headers together are larger than the server reads (16 KB)']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request: not received in time']
        : [
            400,
            `request: not valid HTTP (${error.code ?? 'parse error'}); percent-encode anything outside ASCII in the URL`,
          ];
  const body = JSON.stringify({ error: message });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  socket.destroy();
}
