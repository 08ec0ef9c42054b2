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
}

export interface RunningDemo {
  url: string;
  dashboardUrl: string;
  /** What the seed sent, when it ran on this start. */
  seeded?: { accounts: number; users: number; events: number };
  db: WaymarkServer['db'];
  server: WaymarkServer;
  close(): Promise<void>;
}

export function startDemo(options?: DemoOptions): Promise<RunningDemo>;
