import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServerConfig } from '../config/types';

export const USAGE = `waymark-server: the waymark backend

Usage: waymark-server [--config waymark.config.json] [--port 8787] [--host 127.0.0.1] [--data-dir ./.waymark-data]

  --config    a JSON file with { projects: [...], ... } (see the README); "\${NAME}" in a string is the environment variable NAME
  --port      default 8787 (PORT)
  --host      default 127.0.0.1 (HOST); 0.0.0.0 to listen on every interface
  --data-dir  PGlite's folder when DATABASE_URL is not set; default .waymark-data beside the --config file, else in
              the current folder (WAYMARK_DATA_DIR)

Environment: DATABASE_URL (PostgreSQL; else embedded PGlite), LOG_LEVEL (info).
Without --config, one project from WAYMARK_PROJECT_KEY, WAYMARK_SECRET_KEY, WAYMARK_IDENTITY_SECRET (comma-separated
for two), WAYMARK_IDENTITY (required | optional), WAYMARK_ORIGINS (comma-separated) and WAYMARK_DEFINITIONS (a JSON
file); with none of those, a development project "pk_dev" whose secret key is kept in the data folder.`;

/** Replaces `${NAME}` in every string of a parsed config file with the environment variable NAME. */
const substitute = (value: unknown, env: NodeJS.ProcessEnv, missing: string[]): unknown => {
  if (typeof value === 'string')
    return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
      if (env[name] === undefined) missing.push(name);
      return env[name] ?? '';
    });
  if (Array.isArray(value)) return value.map((v) => substitute(v, env, missing));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, env, missing)]));
  return value;
};

const list = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/**
 * The server's configuration from the command line, a config file and the environment (flags win over the file,
 * the file over the environment). Relative paths in a config file are read from the file's folder. Answers the
 * config and what to tell the operator, or throws an Error whose message is for them.
 *
 * @example
 * const { config, notes } = readCliConfig(process.argv.slice(2), process.env);
 */
export function readCliConfig(
  argv: string[],
  env: NodeJS.ProcessEnv,
): { config: ServerConfig; notes: string[]; help?: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return { config: { projects: [] }, notes: [], help: true };
  const notes: string[] = [];
  let config: ServerConfig = { projects: [] };
  let baseDir = process.cwd();
  if (values.config) {
    const file = resolve(values.config);
    baseDir = dirname(file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`could not read the config file ${file}: ${(error as Error).message}`);
    }
    const missing: string[] = [];
    config = substitute(json, env, missing) as ServerConfig;
    if (missing.length)
      throw new Error(
        `the config file names environment variables that are not set: ${[...new Set(missing)].join(', ')}`,
      );
  }
  config.baseDir = baseDir;
  const port = values.port ?? env.PORT;
  if (port !== undefined) config.port = Number(port);
  config.host = values.host ?? config.host ?? env.HOST;
  config.databaseUrl = config.databaseUrl ?? env.DATABASE_URL;
  const dataDir = values['data-dir'] ?? config.dataDir ?? env.WAYMARK_DATA_DIR ?? './.waymark-data';
  config.dataDir =
    dataDir === ':memory:' || isAbsolute(dataDir)
      ? dataDir
      : resolve(values['data-dir'] ? process.cwd() : baseDir, dataDir);
  config.logLevel = config.logLevel ?? env.LOG_LEVEL;

  if (!values.config) {
    let secretKey = env.WAYMARK_SECRET_KEY;
    const key = env.WAYMARK_PROJECT_KEY ?? 'pk_dev';
    if (!secretKey) {
      if (config.databaseUrl || config.dataDir === ':memory:')
        throw new Error(
          'set WAYMARK_SECRET_KEY (or use --config): without a data folder there is nowhere to keep a development key',
        );
      const file = join(config.dataDir, 'dev-secret-key');
      if (!existsSync(file)) {
        mkdirSync(config.dataDir, { recursive: true });
        writeFileSync(file, `sk_dev_${randomBytes(18).toString('base64url')}\n`, { mode: 0o600 });
      }
      secretKey = readFileSync(file, 'utf8').trim();
      notes.push(
        `development project "${key}" (no --config): its secret key, for the admin API, is ${secretKey} (kept in ${file})`,
      );
    }
    config.projects = [
      {
        key,
        secretKey,
        identitySecrets: list(env.WAYMARK_IDENTITY_SECRET),
        identity: env.WAYMARK_IDENTITY as 'required' | 'optional' | undefined,
        origins: list(env.WAYMARK_ORIGINS),
        definitions: env.WAYMARK_DEFINITIONS,
      },
    ];
  }
  return { config, notes };
}
