import pino, { type Logger } from 'pino';

/**
 * The message of an error with the values it may quote taken out: a PostgreSQL error can quote the input
 * (`invalid input syntax for type json: "…"`), and the input is a user's event or traits, never for the log.
 */
const scrub = (message: string) =>
  message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .slice(0, 300);

/**
 * The server's structured logger (pino, JSON lines). It never logs event contents, traits, tokens, query strings
 * (they carry user ids) or request bodies: requests are logged by method, route and status; errors by type, code,
 * scrubbed message and stack.
 *
 * @example
 * const log = createLogger({ level: 'info' });
 * log.info({ project: 'pk_demo' }, 'verified');
 */
export function createLogger(options: { level: string; stream?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'waymark-server' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        req: (req: { method?: string; url?: string; id?: string }) => ({
          id: req.id,
          method: req.method,
          path: String(req.url ?? '').split('?')[0],
        }),
        res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
        err: (err: Error & { code?: string; statusCode?: number }) => ({
          type: err.name,
          code: err.code,
          status: err.statusCode,
          message: scrub(String(err.message ?? '')),
          stack: err.stack ? scrub(err.stack) : undefined,
        }),
      },
      redact: { paths: ['body', 'properties', 'traits', 'userToken', 'authorization', 'headers'], remove: true },
    },
    options.stream as pino.DestinationStream | undefined,
  );
}
