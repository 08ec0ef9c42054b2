import type { FastifyRequest } from 'fastify';

/** The longest path parameter (as sent, percent-encoded) the router takes: a 200-character id of any script fits. */
export const MAX_PARAM_LENGTH = 2400;

const NAMED = /^\S[^\n]*?: \S/;

/**
 * Fastify's own 4xx errors (the router's, the body parser's) in this server's words: `what: problem`, naming the part
 * of the request that was wrong where Fastify would answer "Bad Request" or "Request body is too large".
 *
 * @example
 * describeFastifyError({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' }, request);
 * // 'body: larger than this endpoint accepts'
 */
export function describeFastifyError(error: { code?: string; message: string }, request: FastifyRequest): string {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return 'url: not valid percent-encoding (each % starts two hex digits, and the bytes must be UTF-8)';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return `url: a path parameter longer than ${MAX_PARAM_LENGTH} characters`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body: larger than this endpoint accepts';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `content-type: "${String(request.headers['content-type'] ?? '').slice(0, 100)}" is not a media type this endpoint reads`;
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'content-length: does not match the body sent';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'body: empty; expected JSON';
  }
  return NAMED.test(error.message) ? error.message : `request: ${error.message}`;
}
