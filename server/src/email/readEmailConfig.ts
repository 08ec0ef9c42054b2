import type { ConfigIssue } from '../config/ConfigError';
import type { EmailConfig } from '../config/types';
import { readSender } from './readAddress';

/** A project's email settings, checked, with defaults. */
export interface ProjectEmail {
  smtp: string;
  from: string;
  /** The sender's name: the product's name in the emails ("Acme"). */
  brand: string;
  /** Where the emails' buttons go: relative `next.href`s are resolved against it. */
  appUrl?: string;
  digest: boolean;
}

const KNOWN = new Set(['smtp', 'from', 'appUrl', 'digest']);

const isHttpUrl = (value: unknown) => {
  try {
    return typeof value === 'string' && /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
};

/**
 * Checks a project's `email` setting; each problem goes to `issues` with its path (`projects[0].email.smtp`), so the
 * server refuses to start with all of them. Undefined when the project sends no email.
 *
 * @example
 * const issues = [];
 * readEmailConfig({ smtp: 'smtp://localhost:2525', from: 'Acme <hello@acme.example>' }, 'projects[0].email', issues, []);
 */
export function readEmailConfig(
  input: unknown,
  path: string,
  issues: ConfigIssue[],
  origins: string[],
): ProjectEmail | undefined {
  if (input === undefined) return undefined;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.push({ path, message: "expected { smtp: 'smtp://host:port', from: 'Acme <hello@acme.example>' }" });
    return undefined;
  }
  const e = input as Partial<EmailConfig> & Record<string, unknown>;
  const problem = (field: string, message: string) => issues.push({ path: `${path}.${field}`, message });
  const before = issues.length;
  let smtp: URL | undefined;
  try {
    smtp = typeof e.smtp === 'string' ? new URL(e.smtp) : undefined;
  } catch {}
  if (!smtp || !/^smtps?:$/.test(smtp.protocol) || !smtp.hostname)
    problem('smtp', "expected an SMTP URL like 'smtp://user:password@smtp.example.com:587' or 'smtps://…:465'");
  const sender = readSender(e.from);
  if (!sender) problem('from', "expected one sender like 'Acme <hello@acme.example>'");
  if (e.appUrl !== undefined && !isHttpUrl(e.appUrl))
    problem('appUrl', "expected an http(s) URL like 'https://app.acme.example'");
  if (e.digest !== undefined && typeof e.digest !== 'boolean') problem('digest', 'expected true or false');
  for (const key of Object.keys(e))
    if (!KNOWN.has(key)) problem(key, `unknown setting (expected ${[...KNOWN].join(', ')})`);
  if (issues.length > before) return undefined;
  return {
    smtp: e.smtp!,
    from: e.from!,
    brand: sender!.name,
    appUrl: (e.appUrl ?? origins[0])?.replace(/\/+$/, ''),
    digest: e.digest ?? true,
  };
}
