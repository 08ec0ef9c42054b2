import type { App, Database } from '../server/index.mjs';

export const CSP: string;

export interface DemoOptions {
  /** The first port to try; the next ones when it is taken; 0 for any free port. Default 5173. */
  port?: number;
  host?: string;
  /** Where PGlite keeps its files; in memory without one. */
  dataDir?: string;
  /** Told the backend's answer to each stored batch. */
  onBatch?: (result: { accepted: number; duplicates: number }) => void;
}

export interface RunningDemo {
  url: string;
  db: Database;
  app: App;
  close(): Promise<void>;
}

export function startDemo(options?: DemoOptions): Promise<RunningDemo>;
