/** One problem in the server's configuration, with where it is (`projects[0].secretKey`). */
export interface ConfigIssue {
  path: string;
  message: string;
}

/**
 * Thrown by `createServer` when the configuration cannot be served: every problem found, each with its path.
 *
 * @example
 * try { await createServer(config) } catch (e) { if (e instanceof ConfigError) console.error(e.issues) }
 */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    super(`invalid waymark-server configuration:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
