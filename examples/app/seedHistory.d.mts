import type { WaymarkServer } from 'waymark-server';

export interface SeedOptions {
  projectKey: string;
  identitySecret: string;
  /** The history ends here (epoch ms); it starts `days` before. */
  end: number;
  accounts?: number;
  users?: number;
  days?: number;
  /** The PRNG's seed: the same history for the same options. */
  seed?: number;
  onProgress?: (users: number, of: number) => void;
}

/** Sends a synthetic history through the server's ingestion and verification, moving `clock.now` (its `now` reads it). */
export function seedHistory(
  server: WaymarkServer,
  clock: { now: number | undefined },
  options: SeedOptions,
): Promise<{ accounts: number; users: number; events: number }>;
