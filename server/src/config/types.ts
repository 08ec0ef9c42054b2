import type { LevelDefinition, MilestoneDefinition } from 'waymark/engine';
import type { TriggerConfig } from '../triggers/readTriggers';
import type { WebhookDeliveryConfig } from '../webhooks/readWebhookDelivery';
import type { WebhookConfig } from '../webhooks/readWebhooks';

/** Whether a project trusts a `userId` only with a token its host signed. */
export type IdentityMode = 'required' | 'optional';

/** The definitions a project serves and verifies against. */
export interface Definitions {
  milestones: MilestoneDefinition[];
  levels?: LevelDefinition[];
}

/** One project (one app) served by this backend. */
export interface ProjectConfig {
  /** The public key the browser sends (`projectKey`). */
  key: string;
  /** Admin API and dashboard: `Authorization: Bearer <secretKey>`. At least 16 characters. */
  secretKey: string;
  /** HS256 secrets the host's backend signs user tokens with; two at once while rotating. */
  identitySecrets?: string[];
  /** `'required'`: a `userId` counts only with a valid token for it. Default `'optional'`. */
  identity?: IdentityMode;
  /** Origins allowed to call the public endpoints from a browser (CORS); none by default. */
  origins?: string[];
  /** The definitions, or a path to a JSON file holding them; also editable through the admin API. */
  definitions?: Definitions | string;
  /** Conditions on verified achievements that publish `trigger.fired` (see Triggers in the README); checked at start. */
  triggers?: TriggerConfig[];
  /** `{ url, secret, events }` each; see Webhooks. */
  webhooks?: WebhookConfig[];
  /** Celebration emails, team announcements and weekly digests to users with an `email` trait. */
  email?: EmailConfig;
  /** Base URL for links in emails and the dashboard; default the server's own URL. */
  publicUrl?: string;
  /** Quiet period after which an account is `stalled`; default `'30d'`. */
  stalledAfter?: string;
}

/** A project's email (see the README's email section). */
export interface EmailConfig {
  /** The SMTP server: `smtp://user:password@host:587` (STARTTLS when the server offers it) or `smtps://…:465`. */
  smtp: string;
  /** The sender, `Acme <hello@acme.example>`; its name is the product's name in the emails. */
  from: string;
  /** The app, for the emails' buttons: relative `next.href`s are resolved against it. Default: the first of `origins`. */
  appUrl?: string;
  /** The weekly digest; default true. */
  digest?: boolean;
}

/** Requests per time window, per client IP and per project key. */
export interface RateLimitConfig {
  /** Default 600 requests per minute per IP. */
  perIp?: number;
  /** Default 6000 requests per minute per project key. */
  perProject?: number;
  /** The window, in ms; default 60000. */
  window?: number;
}

/** What `createServer` takes. */
export interface ServerConfig {
  projects: ProjectConfig[];
  /** Default 8787; 0 for any free port. */
  port?: number;
  /** Default `127.0.0.1`; `0.0.0.0` to listen on every interface. */
  host?: string;
  /** A `postgres://` URL; without it, PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PGlite's folder; `':memory:'` keeps it in memory. Default `./.waymark-data`. */
  dataDir?: string;
  /** PostgreSQL schema for the tables; default `public`. */
  databaseSchema?: string;
  /** Product time: starts, windows, triggers, digests, metrics. Tokens and job leases use the wall clock. */
  now?: () => number;
  /** Webhook URLs on loopback or private networks are refused unless this is set (development, tests). */
  allowPrivateNetworks?: boolean;
  /** Webhook timing and DNS, for tests: `{ timeoutMs, retryDelays, lookup, clock }`; the defaults are the contract's. */
  webhookDelivery?: WebhookDeliveryConfig;
  /** Body limit in bytes, before and after gunzip. Default 1 MB. */
  bodyLimit?: number;
  /** Events per batch; a larger batch gets a 413 so the client splits it. Default 1000. */
  maxEvents?: number;
  rateLimit?: RateLimitConfig | false;
  /** Trust `X-Forwarded-*` from a proxy in front (Fastify's `trustProxy`). Default false. */
  trustProxy?: boolean | string | string[] | number;
  /** How long `close()` waits for requests and jobs in flight before cutting them, ms. Default 10000. */
  shutdownTimeout?: number;
  /** Statement timeout on PostgreSQL, ms. Default 10000. */
  statementTimeout?: number;
  /** Pino log level; default `info` (`silent` turns logging off). */
  logLevel?: string;
  /** Where logs go; default stdout. For tests: a writable stream. */
  logStream?: NodeJS.WritableStream;
  /** Where relative paths (a project's `definitions` file) are read from; default the working directory. */
  baseDir?: string;
  /** How often the time-based work (due dates, quiet periods, pace triggers, digests) runs, ms. Default 300000; 0: only on request. */
  scheduleEvery?: number;
  /** Run the job workers in this process. Default true. */
  worker?: boolean;
}
