import { connect } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { captureLog, DATABASE_URL, startTestServer, wire } from './helpers';

describe('rate limits', () => {
  it('per IP: past the limit a 429 with Retry-After (which the client honours); /health is never limited', async () => {
    const s = await startTestServer(undefined, {}, { rateLimit: { perIp: 5, perProject: 1000, window: 60_000 } });
    try {
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await s.post({ projectKey: 'pk_test', events: [wire()] })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await s.post({ projectKey: 'pk_test', events: [wire()] });
      expect(limited.body.error).toMatch(/^rate limit: more than 5 requests per 60 s from this address/);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      for (let i = 0; i < 10; i++) expect((await fetch(`${s.url}/health`)).status).toBe(200);
    } finally {
      await s.close();
    }
  }, 60_000);

  it('per project key: one noisy project is held back, another on the same address is not', async () => {
    const s = await startTestServer(
      undefined,
      {},
      {
        rateLimit: { perIp: 1000, perProject: 3, window: 60_000 },
        projects: [{ key: 'pk_quiet', secretKey: 'sk_quiet_0123456789abcdef' }],
      },
    );
    try {
      const noisy = [];
      for (let i = 0; i < 5; i++) noisy.push((await s.post({ projectKey: 'pk_test', events: [wire()] })).status);
      expect(noisy).toEqual([200, 200, 200, 429, 429]);
      expect((await s.post({ projectKey: 'pk_quiet', events: [wire()] })).status).toBe(200);
      expect((await s.state({ anonymousId: 'anon-1' })).status).toBe(429);
    } finally {
      await s.close();
    }
  }, 60_000);
});

describe('CORS', () => {
  it('only for the configured origins; none by default', async () => {
    const s = await startTestServer(undefined, { origins: ['https://app.example.com'] });
    const plain = await startTestServer(undefined);
    try {
      const preflight = (base: string, origin: string) =>
        fetch(`${base}/v1/state?projectKey=pk_test&userId=u1`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      const ok = await preflight(s.url, 'https://app.example.com');
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      expect((await preflight(s.url, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
      expect(
        (await preflight(plain.url, 'https://app.example.com')).headers.get('access-control-allow-origin'),
      ).toBeNull();
      const post = await s.post({ projectKey: 'pk_test', events: [wire()] }, { origin: 'https://app.example.com' });
      expect(post.status).toBe(200);
      expect(post.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(
        (await plain.post({ projectKey: 'pk_test', events: [wire()] }, { origin: 'https://app.example.com' })).status,
      ).toBe(403);
    } finally {
      await Promise.all([s.close(), plain.close()]);
    }
  }, 60_000);
});

describe('shutdown', () => {
  it('has a deadline: a client that never finishes its request does not keep the server alive', async () => {
    const s = await startTestServer(undefined, {}, { shutdownTimeout: 1000 });
    const socket = connect(new URL(s.url).port as unknown as number, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.on('error', () => {});
    // Headers, then a body that never comes.
    socket.write(
      'POST /v1/batch HTTP/1.1\r\nhost: x\r\ncontent-type: text/plain\r\ncontent-length: 1000\r\n\r\n{"projectKey":',
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(4000);
    socket.destroy();
  }, 60_000);
});

describe('a database in trouble is a 503 the client retries, never a hang, and the log holds no event', () => {
  it('on PGlite closed under the server', async () => {
    const log = captureLog();
    const s = await startTestServer(undefined, {}, { logLevel: 'info', logStream: log.stream });
    await s.server.db.close();
    const res = await s.post({ projectKey: 'pk_test', events: [wire({ properties: { secret: 'EVENT-CONTENT' } })] });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.body.error).not.toMatch(/EVENT-CONTENT/);
    expect((await fetch(`${s.url}/health`)).status).toBe(503);
    expect(log.text()).not.toContain('EVENT-CONTENT');
    await s.server.app.close();
  }, 60_000);

  it.skipIf(!DATABASE_URL)(
    'on PostgreSQL with a lock held on the events table: 503 within the lock timeout, /health says so',
    async () => {
      const s = await startTestServer(DATABASE_URL, {}, { statementTimeout: 1500 });
      const schema = s.server.config.databaseSchema;
      const holder = new pg.Client({ connectionString: DATABASE_URL });
      await holder.connect();
      try {
        await holder.query('begin');
        await holder.query(`lock table ${schema}.waymark_events in access exclusive mode`);
        const started = Date.now();
        const res = await s.post({ projectKey: 'pk_test', events: [wire()] });
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('5');
        expect(Date.now() - started).toBeLessThan(3000);
        const health = await fetch(`${s.url}/health`);
        expect(health.status).toBe(503);
        await holder.query('rollback');
        expect((await s.post({ projectKey: 'pk_test', events: [wire()] })).status).toBe(200);
        expect((await fetch(`${s.url}/health`)).status).toBe(200);
      } finally {
        await holder.end();
        await s.close();
      }
    },
    60_000,
  );
});

it('PGlite on disk runs with fsync on, through a filesystem whose fsync is real', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'waymark-fsync-'));
  const s = await startTestServer(undefined, {}, { dataDir: dir });
  try {
    const [{ fsync }] = await s.server.db.query('show fsync');
    const [{ wal_sync_method }] = await s.server.db.query('show wal_sync_method');
    expect([fsync, wal_sync_method]).toEqual(['on', 'fsync']);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
