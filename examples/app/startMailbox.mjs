// The demo's mail catcher: an SMTP server on the loopback interface (the `smtp-server` package) that takes every
// email waymark-server sends (celebrations, digests) and keeps the latest in memory, parsed with `mailparser`, so the
// demo can show them in a browser instead of mailing anyone.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** Emails kept: the oldest are dropped first. */
const KEPT = 200;

/**
 * Starts the mail catcher on `port` (0: any free one). Plain SMTP without STARTTLS or AUTH, as a local relay offers;
 * `onMail` is told each email it takes.
 *
 * @example
 * const mailbox = await startMailbox(0, (mail) => console.log(mail.to, mail.subject));
 * // email: { smtp: `smtp://127.0.0.1:${mailbox.port}`, from: 'Acme <hello@acme.example>' }
 * await mailbox.close();
 *
 * @param {number} port
 * @param {(mail: import('./server.d.mts').CaughtMail) => void} [onMail]
 */
export async function startMailbox(port, onMail) {
  /** @type {import('./server.d.mts').CaughtMail[]} newest first */
  const mails = [];
  let count = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    async onData(stream, _session, done) {
      try {
        const parsed = await simpleParser(stream);
        const mail = {
          id: ++count,
          to: parsed.to
            ? [parsed.to]
                .flat()
                .map((a) => a.text)
                .join(', ')
            : '',
          subject: parsed.subject ?? '(no subject)',
          date: (parsed.date ?? new Date()).toISOString(),
          html: parsed.html || undefined,
          text: parsed.text ?? '',
        };
        mails.unshift(mail);
        mails.length = Math.min(mails.length, KEPT);
        done();
        onMail?.(mail);
      } catch (error) {
        done(error);
      }
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: server.server.address().port,
    /** The emails taken, newest first (at most 200). */
    mails,
    /** How many it took since it started. */
    count: () => count,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
