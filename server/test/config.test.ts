import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/ConfigError';
import { readConfig } from '../src/config/readConfig';
import type { ServerConfig } from '../src/config/types';
import { SECRET } from './helpers';

const problems = (config: unknown) => {
  try {
    readConfig(config as ServerConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('accepted');
};
const project = { key: 'pk_x', secretKey: SECRET };

describe('settings the server does not know', () => {
  it('are refused with their path, and one in the wrong place says where it goes', () => {
    // Each was ignored without a word before: a newcomer put allowPrivateNetworks in the project and saw nothing.
    expect(
      problems({
        prot: 8787,
        identitySecrets: ['identity-secret-0123456789-abcdefghij'],
        projects: [{ ...project, allowPrivateNetworks: true, identitySecret: 'x' }],
      }),
    ).toEqual([
      'prot: unknown setting (expected one of projects, port, host, databaseUrl, dataDir, databaseSchema, now, allowPrivateNetworks, webhookDelivery, bodyLimit, maxEvents, rateLimit, trustProxy, shutdownTimeout, statementTimeout, logLevel, logStream, baseDir, scheduleEvery, worker)',
      'identitySecrets: goes in each project (projects[i])',
      'projects[0].allowPrivateNetworks: goes at the top level of the configuration, beside projects',
      'projects[0].identitySecret: unknown setting (expected one of key, secretKey, identitySecrets, identity, origins, definitions, triggers, webhooks, email, publicUrl, stalledAfter)',
    ]);
  });

  it('every setting in its place is taken', () => {
    const config = readConfig({ allowPrivateNetworks: true, port: 0, projects: [{ ...project, stalledAfter: '14d' }] });
    expect(config.allowPrivateNetworks).toBe(true);
    expect(config.projects[0].stalledAfter).toBe(14 * 864e5);
  });
});
