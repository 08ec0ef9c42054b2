/**
 * An answer other than 200, with the message the client gets (`{ error }`): always a 4xx for bad input, naming what
 * was wrong (`events[3].timestamp: out of range`).
 *
 * @example
 * throw new HttpError(400, 'projectKey: required');
 */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly extra?: Record<string, unknown>;

  constructor(
    statusCode: number,
    message: string,
    options: { headers?: Record<string, string>; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.statusCode = statusCode;
    this.headers = options.headers;
    this.extra = options.extra;
  }
}
