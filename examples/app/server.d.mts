import type { WaymarkServer, WebhookPayload } from 'waymark-server';

export const CSP: string;

/** The demo project's keys (public key, admin secret key, identity secret). */
export const DEMO: { projectKey: string; secretKey: string; identitySecret: string; webhookSecret: string };

export interface DemoOptions {
  /** The first port to try; the next ones when it is taken; 0 for any free port. Default 5173. */
  port?: number;
  host?: string;
  /** Where PGlite keeps its files; in memory without one. */
  dataDir?: string;
  /** Told the backend's answer to each stored batch. */
  onBatch?: (result: { accepted: number; duplicates: number; rejected?: { id: string; reason: string }[] }) => void;
  /** The server's log level; default `warn`. */
  logLevel?: string;
  /** Send a synthetic 90-day history (100 accounts, 750 users) before listening, once per data folder. */
  seed?: boolean;
  onSeedProgress?: (users: number, of: number) => void;
  /** Told each webhook the demo's receiver took, its signature checked (the project's triggers fire them). */
  onWebhook?: (event: WebhookPayload) => void;
  /** Told each email the demo's mail catcher took (waymark-server's celebrations and digests). */
  onMail?: (mail: CaughtMail) => void;
}

/** An email the demo's mail catcher took, parsed. */
export interface CaughtMail {
  /** 1 for the first since the demo started; /demo/mail/:id shows it. */
  id: number;
  to: string;
  subject: string;
  /** When it was sent, ISO 8601. */
  date: string;
  html?: string;
  text: string;
}

export interface RunningDemo {
  url: string;
  dashboardUrl: string;
  /** What the seed sent, when it ran on this start. */
  seeded?: { accounts: number; users: number; events: number };
  db: WaymarkServer['db'];
  server: WaymarkServer;
  /** The mail catcher: the emails it took, newest first (at most 200), and how many since the start. */
  mailbox: { port: number; mails: CaughtMail[]; count(): number };
  close(): Promise<void>;
}

export function startDemo(options?: DemoOptions): Promise<RunningDemo>;
