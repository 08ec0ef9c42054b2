import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { ServerContext } from '../context';
import type { Job } from '../queue/createQueue';
import type { JobHandler } from '../queue/createWorker';
import { DAY } from '../timeUnits';
import type { EmailContent } from './EmailContent';
import { readSender } from './readAddress';
import { renderHtml } from './renderHtml';
import { renderText } from './renderText';
import { smtpHint } from './smtpHint';
import { unsubscribeUrl } from './unsubscribeLink';

/** Past this, an email that could not be delivered (the SMTP server down or refusing for days) is given up on. */
const GIVE_UP_MS = 3 * DAY;
/**
 * How long one attempt holds an email: far longer than a send may take, so two workers never send one email at once,
 * and an attempt whose process died (the SMTP server may have accepted it) is tried again only after this.
 */
const HOLD_SECONDS = 600;
/** A send is cut after this; under the job lease (30 s), so a slow SMTP server never lets another worker take the job. */
const SEND_TIMEOUT_MS = 25_000;

/** Runs `write` until it succeeds, five times over about 15 s. */
const patiently = async (write: () => Promise<unknown>) => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt === 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
    }
  }
};

// Error texts of SMTP servers quote the recipient: never into the logs.
const scrub = (text: string) => text.replace(/[^\s<>"'@]+@[^\s<>"']+/g, '<address>').slice(0, 300);

/**
 * The `email` job: sends one queued email over the project's SMTP server, once. The row is held while it is sent (two
 * workers never send it together), marked `sent` with its Message-ID after (that write is retried in place: once the
 * server accepted the message, a failed write must not make it go again), `suppressed` when the address unsubscribed
 * meanwhile (or the user was erased), `failed` when the server refuses the recipient or the message for good (a 5xx)
 * or after three days of failures (a recipient refused for good is a bounce: the address is suppressed like an
 * unsubscribed one); any other failure (the server down, a timeout, 4xx) throws, and the queue retries
 * with backoff. The content was decided when it was queued; the unsubscribe link is added now, on `baseUrl`.
 * A process that dies between the SMTP server's acceptance and that write leaves the row held: it is sent again after
 * the hold (10 minutes), with the same Message-ID. Sending at least once was chosen over at most once: the other way
 * would lose every email whose process died anywhere in the SMTP conversation, a connection timeout included.
 *
 * @example
 * ctx.jobs.email = createEmailJob(ctx, { transports, secrets, baseUrl });
 */
export function createEmailJob(
  ctx: Pick<ServerContext, 'db' | 'project' | 'log'>,
  o: {
    transports: Map<string, Transporter>;
    secrets: Map<string, Buffer>;
    baseUrl: (projectKey: string) => string | undefined;
  },
): JobHandler {
  return async (job: Job) => {
    const id = Number(job.key);
    const email = ctx.project(job.projectKey)?.email;
    const [row] = await ctx.db.query(
      `select e.address, e.content, e.status, e.created_at, extract(epoch from e.sending_until - now())::float8 as held,
         exists (select 1 from waymark_email_unsubscribes u where u.project_key = e.project_key and u.address = e.address) as unsubscribed
       from waymark_emails e where e.id = $1 and e.project_key = $2`,
      [id, job.projectKey],
    );
    if (row?.status !== 'queued') return;
    if (row.unsubscribed || !email) {
      await ctx.db.query(`update waymark_emails set status = 'suppressed' where id = $1`, [id]);
      return;
    }
    if (row.held > 0) return Math.ceil(row.held * 1000);
    const base = o.baseUrl(job.projectKey);
    if (!base)
      throw new Error('email: no publicUrl is set and this process is not listening, so there is no address for links');
    const held = await ctx.db.query(
      `update waymark_emails set sending_until = now() + make_interval(secs => ${HOLD_SECONDS})
       where id = $1 and status = 'queued' and (sending_until is null or sending_until < now()) returning id`,
      [id],
    );
    if (!held.length) return 1000;
    const content = row.content as EmailContent;
    const unsubscribe = unsubscribeUrl(base, o.secrets.get(job.projectKey)!, job.projectKey, row.address);
    const domain = readSender(email.from)!.address.split('@')[1];
    const reason = createHash('sha256').update(`${job.projectKey}\n${id}`).digest('hex').slice(0, 24);
    let sent = false;
    try {
      const info = await o.transports.get(job.projectKey)!.sendMail({
        from: email.from,
        to: row.address,
        subject: content.subject,
        text: renderText(content, { brand: email.brand, unsubscribeUrl: unsubscribe }),
        html: renderHtml(content, { brand: email.brand, unsubscribeUrl: unsubscribe }),
        // The same Message-ID on every attempt: a receiver that got an attempt the server never confirmed can tell.
        messageId: `<waymark.${content.kind}.${reason}@${domain}>`,
        headers: {
          'List-Unsubscribe': `<${unsubscribe}>`,
          // RFC 8058: a POST to the List-Unsubscribe URL unsubscribes, with no page to click through.
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
        },
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      sent = true;
      // Accepted: from here a lost update would send it again, so a database blip is waited out rather than retried.
      await patiently(() =>
        ctx.db.query(
          `update waymark_emails set status = 'sent', sent_at = now(), message_id = $2, sending_until = null, last_error = null where id = $1`,
          [id, info.messageId],
        ),
      );
    } catch (error) {
      if (sent) throw error;
      const e = error as {
        code?: string;
        originalCode?: string;
        command?: string;
        responseCode?: number;
        permanent?: boolean;
        message?: string;
      };
      // The hint (what to change, when the error alone does not say) is ours: it holds no address to scrub.
      const message =
        scrub(`${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.message ?? String(error)}`) +
        smtpHint(e);
      const refused = e.permanent === true && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
      const tooOld = Date.now() - new Date(row.created_at).getTime() > GIVE_UP_MS;
      await ctx.db.query(`update waymark_emails set status = $2, sending_until = null, last_error = $3 where id = $1`, [
        id,
        refused || tooOld ? 'failed' : 'queued',
        message,
      ]);
      // The mailbox refused for good (550 at RCPT TO): a bounce, so that address gets nothing more.
      if (refused && e.code === 'EENVELOPE' && e.command === 'RCPT TO')
        await ctx.db.query(
          `insert into waymark_email_unsubscribes (project_key, address, reason) values ($1, $2, 'bounced') on conflict do nothing`,
          [job.projectKey, row.address],
        );
      if (refused || tooOld) {
        ctx.log.warn({ project: job.projectKey, emailId: id, error: message }, 'email not delivered; given up');
        return;
      }
      throw new Error(`email ${id} not sent, will retry: ${message}`);
    }
  };
}
