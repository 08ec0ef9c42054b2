import { createServer as createNetServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it: the envelope and the parsed message. */
export interface Received {
  from: string;
  to: string[];
  raw: string;
  mail: ParsedMail;
}

/** A free loopback port, so an SMTP server can be started on it later (down, then up). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/**
 * A real SMTP server (the `smtp-server` package) on a loopback port, keeping every message it accepts, parsed with
 * `mailparser`. Plain SMTP, no STARTTLS or AUTH: what a local relay offers. `stop()` and `start()` take it down and
 * bring it back on the same port.
 */
export async function startSmtp(port?: number) {
  const received: Received[] = [];
  /** Recipients this server refuses, with the SMTP reply code (451: try later; 550: no such mailbox). */
  const refuse = new Map<string, number>();
  const listeners = new Set<() => void>();
  let server: SMTPServer | undefined;
  const fixedPort = port ?? (await freePort());
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onRcptTo(address, _session, done) {
          const code = refuse.get(address.address);
          if (!code) return done();
          done(Object.assign(new Error(code >= 500 ? 'No such mailbox' : 'Try again later'), { responseCode: code }));
        },
        onData(stream, session, done) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', async () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              mail: await simpleParser(raw),
            });
            for (const l of listeners) l();
            done();
          });
        },
      });
      server.once('error', reject);
      server.listen(fixedPort, '127.0.0.1', () => resolve());
    });
  await start();
  return {
    port: fixedPort,
    url: `smtp://127.0.0.1:${fixedPort}`,
    received,
    refuse,
    start,
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    /** Resolves once `count` messages arrived in all (or rejects after `ms`). */
    waitFor(count: number, ms = 30_000) {
      return new Promise<Received[]>((resolve, reject) => {
        const check = () => {
          if (received.length < count) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(received);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`expected ${count} messages, got ${received.length}`));
        }, ms);
        if (!check()) listeners.add(check);
      });
    },
    /** The messages to one address. */
    to: (address: string) => received.filter((r) => r.to.includes(address)),
  };
}

export type TestSmtp = Awaited<ReturnType<typeof startSmtp>>;
