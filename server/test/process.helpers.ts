import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definitions, SECRET } from './helpers';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** A config file for a server process: one project, the test definitions, no rate limits. */
export function writeConfig(extra: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-proc-'));
  const file = join(dir, 'waymark.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      port: 0,
      rateLimit: false,
      logLevel: 'debug',
      projects: [{ key: 'pk_test', secretKey: SECRET, definitions }],
      ...extra,
    }),
  );
  return { dir, file };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every JSON log line so far, parsed. */
  logs: Record<string, any>[];
  /** Sends SIGKILL and waits for the process to be gone. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `waymark-server` (the built CLI) as its own process and waits until it listens. The test's own DATABASE_URL
 * is not passed on: a process uses PostgreSQL only when its config (or `env`) says so.
 */
export function startProcess(configFile: string, env: Record<string, string | undefined> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [CLI, '--config', configFile], {
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, any>[] = [];
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${out.slice(-2000)}`)), 60_000);
    child.stderr!.on('data', (d) => (out += d));
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      for (const line of String(chunk).split('\n')) {
        if (line.startsWith('{')) {
          try {
            logs.push(JSON.parse(line));
          } catch {}
        }
        const m = /listening on (http:\/\/\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve({
            url: m[1],
            child,
            logs,
            kill: async () => {
              child.kill('SIGKILL');
              await exited;
            },
            stop: async () => {
              child.kill('SIGTERM');
              return exited;
            },
          });
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out.slice(-2000)}`));
    });
  });
}

/** POSTs a batch; answers the status and body, or status 0 when the connection failed (a killed server). */
export async function send(url: string, events: unknown[]) {
  try {
    const res = await fetch(`${url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ projectKey: 'pk_test', events }),
    });
    return { status: res.status, body: (await res.json()) as any };
  } catch {
    return { status: 0, body: undefined };
  }
}

/** Polls `/health` until no job is left. */
export async function drained(url: string, timeout = 60_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as { jobs: number };
    if (health.jobs === 0) return;
    if (Date.now() > end) throw new Error(`jobs left after ${timeout} ms: ${health.jobs}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
