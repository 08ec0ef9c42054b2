import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { expect, it } from 'vitest';
import { smtpHint } from '../src/email/smtpHint';
import { captureLog, IDENTITY_SECRET, startTestServer, token, wire } from './helpers';
import { freePort } from './smtp.helpers';

// A newcomer's first try at email: a local catcher started with smtp-server's defaults, which offer STARTTLS with
// the package's built-in certificate (self-signed, and expired since). nodemailer refuses it, and the send is retried
// for days with only "certificate has expired" to go on. The error says what to change, and `?ignoreTLS=true` on
// the SMTP URL (nodemailer's own option) delivers.

/** An SMTP catcher as its README starts one: STARTTLS offered with the built-in certificate, no AUTH required. */
const startDefaultCatcher = async () => {
  const subjects: string[] = [];
  const port = await freePort();
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        subjects.push(mail.subject ?? '');
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, subjects, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

const celebrate = async (smtp: string) => {
  const log = captureLog();
  const s = await startTestServer(
    undefined,
    {
      definitions: { milestones: [{ id: 'first', title: 'First project', rule: { event: 'made' }, email: true }] },
      identitySecrets: [IDENTITY_SECRET],
      identity: 'required',
      email: { smtp, from: 'Acme <hello@acme.example>', appUrl: 'https://app.acme.example' },
    },
    { scheduleEvery: 0, logLevel: 'warn', logStream: log.stream },
  );
  const userToken = await token('dana');
  const res = await s.post({
    projectKey: 'pk_test',
    userToken,
    events: [
      wire({ userId: 'dana', type: 'identify', name: undefined, properties: { email: 'dana@acme.example' } }),
      wire({ userId: 'dana', name: 'made' }),
    ],
  });
  expect(res.status).toBe(200);
  await s.server.idle();
  return { s, log };
};

it('a catcher whose STARTTLS certificate is refused: the error says to add ?ignoreTLS=true; with it, the mail arrives', async () => {
  const catcher = await startDefaultCatcher();
  try {
    const refused = await celebrate(`smtp://127.0.0.1:${catcher.port}`);
    await expect
      .poll(async () => (await refused.s.server.db.query('select last_error from waymark_emails'))[0]?.last_error, {
        timeout: 20_000,
      })
      .toMatch(/certificate.*add \?ignoreTLS=true to email\.smtp/);
    expect(refused.log.text()).toContain('add ?ignoreTLS=true to email.smtp');
    expect(catcher.subjects).toEqual([]);
    await refused.s.close();

    const plain = await celebrate(`smtp://127.0.0.1:${catcher.port}?ignoreTLS=true`);
    await expect.poll(() => catcher.subjects, { timeout: 20_000 }).toEqual(['🎉 Milestone reached: First project']);
    await plain.s.close();
  } finally {
    await catcher.close();
  }
}, 60_000);

it('the hint is only for certificate errors', () => {
  expect(smtpHint({ code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' })).toContain('?ignoreTLS=true');
  expect(smtpHint({ code: 'ESOCKET', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).toContain('?ignoreTLS=true');
  expect(smtpHint({ code: 'ECONNECTION' })).toBe('');
  expect(smtpHint({ code: 'EENVELOPE' })).toBe('');
});
