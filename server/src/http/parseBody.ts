import { gunzipSync } from 'node:zlib';
import { HttpError } from './HttpError';

/**
 * Reads a request body as JSON, gunzipping it first when it says `Content-Encoding: gzip`. The body limit holds twice:
 * on the bytes received (Fastify, before this) and on the bytes once gunzipped (here), so a small zip bomb is a 413.
 * Any content type is read as JSON: the browser client sends `text/plain` to avoid a CORS preflight.
 *
 * @example
 * parseBody(Buffer.from('{"a":1}'), undefined, 1_000_000); // { a: 1 }
 */
export function parseBody(raw: Buffer, encoding: string | undefined, limit: number): unknown {
  let bytes = raw;
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  if (coding === 'gzip' || coding === 'x-gzip') {
    try {
      bytes = gunzipSync(raw, { maxOutputLength: limit });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
        throw new HttpError(413, `body: larger than ${limit} bytes once gunzipped`);
      throw new HttpError(400, 'body: not valid gzip');
    }
  } else if (coding !== 'identity')
    throw new HttpError(415, `content-encoding: "${coding}" is not supported (gzip or none)`);
  if (!bytes.length) throw new HttpError(400, 'body: empty; expected JSON');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, `body: malformed JSON (${(error as Error).message.slice(0, 120)})`);
  }
}
