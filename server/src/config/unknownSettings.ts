import type { ConfigIssue } from './ConfigError';
import type { ProjectConfig, ServerConfig } from './types';

// Records over every key of the types: a setting added to ServerConfig or ProjectConfig fails the typecheck until it is
// listed here, so it is never refused as unknown.
const server: Record<keyof ServerConfig, true> = {
  projects: true,
  port: true,
  host: true,
  databaseUrl: true,
  dataDir: true,
  databaseSchema: true,
  now: true,
  allowPrivateNetworks: true,
  webhookDelivery: true,
  bodyLimit: true,
  maxEvents: true,
  rateLimit: true,
  trustProxy: true,
  shutdownTimeout: true,
  statementTimeout: true,
  logLevel: true,
  logStream: true,
  baseDir: true,
  scheduleEvery: true,
  worker: true,
};
const project: Record<keyof ProjectConfig, true> = {
  key: true,
  secretKey: true,
  identitySecrets: true,
  identity: true,
  origins: true,
  definitions: true,
  triggers: true,
  webhooks: true,
  email: true,
  publicUrl: true,
  stalledAfter: true,
};
/** The settings of the configuration's top level (ServerConfig). */
export const SERVER_SETTINGS = Object.keys(server);
/** The settings of one project (ProjectConfig). */
export const PROJECT_SETTINGS = Object.keys(project);

/**
 * Reports each key of `input` that is not one of `known`: a typo (`identitySecret`) or a setting in the wrong place
 * (`allowPrivateNetworks` in a project), which would otherwise be ignored without a word. A key that belongs at the
 * other level says where it goes.
 *
 * @example
 * unknownSettings({ key: 'pk', allowPrivateNetworks: true }, 'project', 'projects[0]', issues);
 * // issues: [{ path: 'projects[0].allowPrivateNetworks', message: 'goes at the top level of the configuration, beside projects' }]
 */
export function unknownSettings(
  input: Record<string, unknown>,
  level: 'server' | 'project',
  path: string,
  issues: ConfigIssue[],
): void {
  const [known, other] = level === 'server' ? [SERVER_SETTINGS, PROJECT_SETTINGS] : [PROJECT_SETTINGS, SERVER_SETTINGS];
  for (const key of Object.keys(input)) {
    if (known.includes(key)) continue;
    const at = path ? `${path}.${key}` : key;
    if (other.includes(key))
      issues.push({
        path: at,
        message:
          level === 'project'
            ? 'goes at the top level of the configuration, beside projects'
            : 'goes in each project (projects[i])',
      });
    else issues.push({ path: at, message: `unknown setting (expected one of ${known.join(', ')})` });
  }
}
