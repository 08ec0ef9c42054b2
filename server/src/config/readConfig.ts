import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDuration, validateDefinitions } from 'waymark/engine';
import { type ProjectEmail, readEmailConfig } from '../email/readEmailConfig';
import { DAY, MINUTE } from '../timeUnits';
import { readTriggers, type Trigger } from '../triggers/readTriggers';
import { readWebhookDelivery, type WebhookDelivery } from '../webhooks/readWebhookDelivery';
import { readWebhooks, type WebhookEndpoint } from '../webhooks/readWebhooks';
import { ConfigError, type ConfigIssue } from './ConfigError';
import type { Definitions, IdentityMode, ProjectConfig, ServerConfig } from './types';
import { unknownSettings } from './unknownSettings';

/** A project as the server uses it: every default filled in, definitions read and checked. */
export interface Project {
  key: string;
  secretKey: string;
  identitySecrets: string[];
  identity: IdentityMode | 'none';
  origins: string[];
  /** Definitions from the configuration (published as a new version when they change), if any. */
  definitions?: Definitions;
  publicUrl?: string;
  stalledAfter: number;
  triggers: Trigger[];
  webhooks: WebhookEndpoint[];
  email?: ProjectEmail;
}

/** The configuration with defaults applied. */
export interface ResolvedConfig {
  projects: Project[];
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  databaseSchema: string;
  now: () => number;
  allowPrivateNetworks: boolean;
  webhookDelivery: WebhookDelivery;
  bodyLimit: number;
  maxEvents: number;
  rateLimit: { perIp: number; perProject: number; window: number } | false;
  trustProxy: NonNullable<ServerConfig['trustProxy']>;
  shutdownTimeout: number;
  statementTimeout: number;
  logLevel: string;
  logStream?: NodeJS.WritableStream;
  scheduleEvery: number;
  worker: boolean;
}

const KEY = /^[A-Za-z0-9_-]{1,200}$/;
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const readDefinitions = (
  value: unknown,
  path: string,
  issues: ConfigIssue[],
  baseDir: string,
): Definitions | undefined => {
  let json = value;
  if (typeof value === 'string') {
    try {
      json = JSON.parse(readFileSync(resolve(baseDir, value), 'utf8'));
    } catch (error) {
      issues.push({ path, message: `could not read definitions from ${value}: ${(error as Error).message}` });
      return undefined;
    }
  }
  const checked = validateDefinitions(json);
  for (const e of checked.errors) issues.push({ path: `${path}${e.path ? `.${e.path}` : ''}`, message: e.message });
  return { milestones: checked.milestones, levels: checked.levels };
};

const readProject = (
  input: unknown,
  path: string,
  issues: ConfigIssue[],
  baseDir: string,
  allowPrivateNetworks = false,
): Project | undefined => {
  if (!isObject(input)) {
    issues.push({ path, message: 'expected an object' });
    return undefined;
  }
  const p = input as Partial<ProjectConfig>;
  const problem = (field: string, message: string) => issues.push({ path: `${path}.${field}`, message });
  unknownSettings(input, 'project', path, issues);
  if (typeof p.key !== 'string' || !KEY.test(p.key)) problem('key', 'expected 1 to 200 characters of A-Z a-z 0-9 _ -');
  if (typeof p.secretKey !== 'string' || p.secretKey.length < 16)
    problem('secretKey', 'expected a string of at least 16 characters');
  const secrets = p.identitySecrets ?? [];
  if (!Array.isArray(secrets) || secrets.length > 2 || secrets.some((s) => typeof s !== 'string' || s.length < 32))
    problem('identitySecrets', 'expected one or two strings of at least 32 characters (two while rotating)');
  if (p.identity !== undefined && p.identity !== 'required' && p.identity !== 'optional')
    problem('identity', 'expected "required" or "optional"');
  if (p.identity === 'required' && !secrets.length)
    problem('identity', '"required" needs identitySecrets to check tokens with');
  // Emails go only to an address a valid token vouched for (see verifySubject): without secrets, none would.
  if (p.email !== undefined && !secrets.length)
    problem(
      'email',
      'needs identitySecrets (a random secret of 32 characters or more, the one your backend signs user tokens with): the server mails only addresses that came with a valid identity token, never one a browser merely claims',
    );
  const origins = p.origins ?? [];
  if (!Array.isArray(origins)) problem('origins', 'expected an array of origins like "https://app.example.com"');
  else
    origins.forEach((o, i) => {
      let ok = false;
      try {
        ok = typeof o === 'string' && new URL(o).origin === o;
      } catch {}
      if (!ok)
        problem(
          `origins[${i}]`,
          `expected an origin like "https://app.example.com" (scheme, host, port; no path), got ${JSON.stringify(o)}`,
        );
    });
  const stalledAfter = parseDuration(p.stalledAfter ?? '30d');
  if (stalledAfter === undefined) problem('stalledAfter', 'expected a duration like "30d"');
  if (p.publicUrl !== undefined && !/^https?:\/\//.test(String(p.publicUrl)))
    problem('publicUrl', 'expected an http(s) URL');
  const definitions =
    p.definitions === undefined ? undefined : readDefinitions(p.definitions, `${path}.definitions`, issues, baseDir);
  return {
    key: String(p.key),
    secretKey: String(p.secretKey),
    identitySecrets: Array.isArray(secrets) ? secrets : [],
    identity: p.identity ?? (Array.isArray(secrets) && secrets.length ? 'optional' : 'none'),
    origins: Array.isArray(origins) ? origins : [],
    definitions,
    publicUrl: p.publicUrl?.replace(/\/+$/, ''),
    stalledAfter: stalledAfter ?? 30 * DAY,
    triggers: readTriggers(p.triggers, `${path}.triggers`, issues, definitions),
    webhooks: readWebhooks(p.webhooks, `${path}.webhooks`, issues, allowPrivateNetworks),
    email: readEmailConfig(p.email, `${path}.email`, issues, Array.isArray(origins) ? origins : []),
  };
};

const positive = (value: unknown, fallback: number, path: string, issues: ConfigIssue[]) => {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  issues.push({ path, message: 'expected a positive number' });
  return fallback;
};

/**
 * Checks a server configuration and fills in the defaults. Throws a `ConfigError` listing every problem.
 * Paths in `definitions` are read relative to `baseDir` (the config file's folder, or the working directory).
 *
 * @example
 * const config = readConfig({ projects: [{ key: 'pk_demo', secretKey: 'sk_demo_0123456789' }] });
 */
export function readConfig(input: ServerConfig, baseDir = input?.baseDir ?? process.cwd()): ResolvedConfig {
  const issues: ConfigIssue[] = [];
  if (!isObject(input)) throw new ConfigError([{ path: '', message: 'expected an object' }]);
  const projects: Project[] = [];
  unknownSettings(input as unknown as Record<string, unknown>, 'server', '', issues);
  if (!Array.isArray(input.projects) || !input.projects.length)
    issues.push({ path: 'projects', message: 'expected at least one project' });
  else
    input.projects.forEach((p, i) => {
      const project = readProject(p, `projects[${i}]`, issues, baseDir, input.allowPrivateNetworks === true);
      if (!project) return;
      const twin = projects.find((q) => q.key === project.key || q.secretKey === project.secretKey);
      if (twin)
        issues.push({ path: `projects[${i}]`, message: `key or secretKey repeats another project's (${twin.key})` });
      projects.push(project);
    });
  const port = input.port ?? 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    issues.push({ path: 'port', message: 'expected 0 to 65535' });
  const schema = input.databaseSchema ?? 'public';
  if (!SCHEMA.test(schema)) issues.push({ path: 'databaseSchema', message: 'expected a lower-case SQL identifier' });
  if (input.now !== undefined && typeof input.now !== 'function')
    issues.push({ path: 'now', message: 'expected a function returning epoch ms' });
  const limits =
    input.rateLimit === false
      ? false
      : isObject(input.rateLimit) || input.rateLimit === undefined
        ? (input.rateLimit ?? {})
        : undefined;
  if (limits === undefined)
    issues.push({ path: 'rateLimit', message: 'expected { perIp, perProject, window } or false' });
  const config: ResolvedConfig = {
    projects,
    port,
    host: input.host ?? '127.0.0.1',
    databaseUrl: input.databaseUrl,
    dataDir: input.dataDir ?? './.waymark-data',
    databaseSchema: schema,
    now: input.now ?? Date.now,
    allowPrivateNetworks: input.allowPrivateNetworks === true,
    webhookDelivery: readWebhookDelivery(input.webhookDelivery, issues),
    bodyLimit: positive(input.bodyLimit, 1_000_000, 'bodyLimit', issues),
    maxEvents: positive(input.maxEvents, 1000, 'maxEvents', issues),
    rateLimit: limits
      ? {
          perIp: positive(limits.perIp, 600, 'rateLimit.perIp', issues),
          perProject: positive(limits.perProject, 6000, 'rateLimit.perProject', issues),
          window: positive(limits.window, MINUTE, 'rateLimit.window', issues),
        }
      : false,
    trustProxy: input.trustProxy ?? false,
    shutdownTimeout: positive(input.shutdownTimeout, 10_000, 'shutdownTimeout', issues),
    statementTimeout: positive(input.statementTimeout, 10_000, 'statementTimeout', issues),
    logLevel: input.logLevel ?? 'info',
    logStream: input.logStream,
    scheduleEvery: input.scheduleEvery === 0 ? 0 : positive(input.scheduleEvery, 300_000, 'scheduleEvery', issues),
    worker: input.worker !== false,
  };
  if (issues.length) throw new ConfigError(issues);
  return config;
}
