// `npx waymark-server`: the backend from the command line. See `waymark-server --help`.
import { readCliConfig, USAGE } from './cli/readCliConfig';
import { ConfigError } from './config/ConfigError';
import { createServer } from './createServer';

const fail = (message: string, code = 1): never => {
  process.stderr.write(`waymark-server: ${message}\n`);
  process.exit(code);
};

let parsed: ReturnType<typeof readCliConfig>;
try {
  parsed = readCliConfig(process.argv.slice(2), process.env);
} catch (error) {
  fail(`${(error as Error).message}\n\n${USAGE}`, 2);
}
if (parsed!.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

let server: Awaited<ReturnType<typeof createServer>>;
try {
  server = await createServer(parsed!.config);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 2);
  fail(`could not start: ${(error as Error).message}`);
}
try {
  await server!.listen();
} catch (error) {
  await server!.close();
  fail(
    `could not listen on ${parsed!.config.host ?? '127.0.0.1'}:${parsed!.config.port ?? 8787}: ${(error as Error).message}`,
  );
}
for (const note of parsed!.notes) process.stdout.write(`waymark-server: ${note}\n`);
process.stdout.write(
  `waymark-server: ${server!.db.kind === 'pglite' ? `embedded PGlite in ${server!.config.dataDir}` : 'PostgreSQL'} · listening on ${server!.url}\n`,
);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) process.exit(1);
  stopping = true;
  server.log.info({ signal }, 'shutting down');
  await server.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
