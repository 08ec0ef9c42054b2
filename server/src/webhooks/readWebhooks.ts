import { createHash } from 'node:crypto';
import type { ConfigIssue } from '../config/ConfigError';
import type { NotificationType } from '../notify/createNotifier';
import { hostProblem } from './addressProblem';

/** A webhook endpoint as the server uses it: checked, with a stable id. */
export interface WebhookEndpoint {
  /** `ep_` and 16 hex characters of the URL's hash: stable while the URL is, and safe to show (a URL may hold a token). */
  id: string;
  url: string;
  secret: string;
  /** The event types it receives; `'*'` is every one. */
  events: (NotificationType | '*')[];
}

/** What a project's `webhooks` entries look like in the configuration. */
export interface WebhookConfig {
  url: string;
  /** `whsec_` + base64 of 24 to 64 random bytes (Standard Webhooks). */
  secret: string;
  /** Event types, or `['*']` (the default) for all. */
  events?: (NotificationType | '*')[];
}

export const EVENT_TYPES: NotificationType[] = [
  'milestone.achieved',
  'level.completed',
  'milestone.overdue',
  'trigger.fired',
];
const SECRET_HINT = `generate one with: node -e "console.log('whsec_' + require('crypto').randomBytes(24).toString('base64'))"`;

/** The id an endpoint has in the delivery log and the admin API. */
export const endpointId = (url: string) => `ep_${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;

const secretProblem = (secret: unknown): string | undefined => {
  if (typeof secret !== 'string' || !secret.startsWith('whsec_'))
    return `expected "whsec_" followed by base64 (Standard Webhooks); ${SECRET_HINT}`;
  const base64 = secret.slice(6);
  const bytes = Buffer.from(base64, 'base64');
  if (
    !/^[A-Za-z0-9+/]+={0,2}$/.test(base64) ||
    bytes.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '')
  )
    return `the part after "whsec_" is not base64; ${SECRET_HINT}`;
  if (bytes.length < 24 || bytes.length > 64)
    return `expected 24 to 64 bytes after "whsec_", got ${bytes.length}; ${SECRET_HINT}`;
  return undefined;
};

const urlProblem = (value: unknown, allowPrivateNetworks: boolean): string | undefined => {
  if (typeof value !== 'string' || value.length > 2000) return 'expected an http(s) URL of at most 2000 characters';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `expected an http(s) URL, got ${JSON.stringify(value.slice(0, 80))}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `expected an http(s) URL, got ${url.protocol}`;
  const host = hostProblem(url);
  if (host && !allowPrivateNetworks)
    return `${host}: webhook URLs on loopback or private networks are refused (SSRF); for development, set "allowPrivateNetworks": true at the top level of the configuration, beside "projects" (not inside a project)`;
  return undefined;
};

/**
 * Checks a project's `webhooks` (each `{ url, secret, events }`), pushing every problem with its path
 * (`projects[0].webhooks[1].secret`), and answers the endpoints that are valid. A URL on loopback or a private
 * network is refused unless `allowPrivateNetworks` (names are checked again at each delivery, when resolved).
 *
 * @example
 * const endpoints = readWebhooks(project.webhooks, 'projects[0].webhooks', issues, false);
 */
export function readWebhooks(
  value: unknown,
  path: string,
  issues: ConfigIssue[],
  allowPrivateNetworks: boolean,
): WebhookEndpoint[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.push({ path, message: 'expected an array of { url, secret, events }' });
    return [];
  }
  const endpoints: WebhookEndpoint[] = [];
  value.forEach((entry: unknown, i) => {
    const at = `${path}[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      issues.push({ path: at, message: 'expected { url, secret, events }' });
      return;
    }
    const hook = entry as Record<string, unknown>;
    const before = issues.length;
    for (const key of Object.keys(hook))
      if (!['url', 'secret', 'events'].includes(key))
        issues.push({ path: `${at}.${key}`, message: 'unknown field (expected url, secret, events)' });
    const url = urlProblem(hook.url, allowPrivateNetworks);
    if (url) issues.push({ path: `${at}.url`, message: url });
    const secret = secretProblem(hook.secret);
    if (secret) issues.push({ path: `${at}.secret`, message: secret });
    const events = hook.events ?? ['*'];
    if (!Array.isArray(events) || !events.length)
      issues.push({
        path: `${at}.events`,
        message: `expected a non-empty array of event types (${EVENT_TYPES.join(', ')}) or ["*"]`,
      });
    else
      events.forEach((type, j) => {
        if (type !== '*' && !EVENT_TYPES.includes(type as NotificationType))
          issues.push({
            path: `${at}.events[${j}]`,
            message: `unknown event type ${JSON.stringify(type)}; expected one of ${EVENT_TYPES.join(', ')} or "*"`,
          });
      });
    if (endpoints.some((e) => e.url === hook.url))
      issues.push({ path: `${at}.url`, message: 'the same URL is configured twice in this project' });
    if (issues.length > before) return;
    endpoints.push({
      id: endpointId(hook.url as string),
      url: hook.url as string,
      secret: hook.secret as string,
      events: events as WebhookEndpoint['events'],
    });
  });
  return endpoints;
}

/** Whether an endpoint receives this type. */
export const receives = (endpoint: WebhookEndpoint, type: NotificationType) =>
  endpoint.events.includes('*') || endpoint.events.includes(type);
