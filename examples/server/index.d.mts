import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Benchmark, LevelDefinition, MilestoneDefinition, Waymark, WaymarkOptions } from '../../src/types';

export type Query = (sql: string, params?: unknown[]) => Promise<any[]>;
export interface Database {
  kind: 'postgres' | 'pglite';
  query: Query;
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
export interface Definitions {
  milestones?: MilestoneDefinition[];
  levels?: LevelDefinition[];
}
export interface AppOptions {
  db: Database;
  definitions?: Definitions;
  origins?: string[];
  projectKeys?: string[];
  bodyLimit?: number;
  maxEvents?: number;
  createWaymark?: (options: WaymarkOptions) => Waymark;
  benchmarkTtl?: number;
  benchmarkMinPeople?: number;
  now?: () => number;
}
export interface App {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  verify(projectKey: string, who: { userId?: string; anonymousId?: string }): Promise<{ achieved: Record<string, number>; unconfirmed: string[] }>;
  idle(): Promise<void>;
}
export interface RunningServer {
  url: string;
  app: App;
  db: Database;
  close(): Promise<void>;
}
export interface Progress {
  starts: Map<string, number>;
  achieved: { subject: string; id: string; at: number }[];
}
export interface StoredEvent {
  type: string;
  name?: string;
  properties?: Record<string, unknown>;
  user_id?: string;
  account_id?: string;
  ts: Date | string;
}

export function startServer(
  options?: Omit<AppOptions, 'db'> & { port?: number; host?: string; databaseUrl?: string; dataDir?: string },
): Promise<RunningServer>;
export function createApp(options: AppOptions): App;
export function openDatabase(options?: { url?: string; dataDir?: string }): Promise<Database>;
export function validateBatch(body: unknown, options?: { maxEvents?: number }): string | undefined;
export function computeBenchmarks(progress: Progress, subject: string | undefined, now: number, minPeople: number): Record<string, Benchmark>;
export function recompute(
  createWaymark: (options: WaymarkOptions) => Waymark,
  definitions: { projectKey: string } & Definitions,
  events: StoredEvent[],
): Promise<Record<string, number>>;
