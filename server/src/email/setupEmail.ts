import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { ServerContext } from '../context';
import { unsubscribeRoutes } from '../routes/unsubscribeRoutes';
import { celebrateByEmail } from './celebrateByEmail';
import { createEmailJob } from './createEmailJob';
import { createDefinitionsIn } from './definitionsIn';
import { queueDigests } from './queueDigests';

/** Each project's unsubscribe secret: made once (by whichever process starts first) and kept in the database. */
async function loadSecrets(ctx: ServerContext, keys: string[]) {
  await ctx.db.query(
    `insert into waymark_email_secrets (project_key, secret) select k, s from unnest($1::text[], $2::text[]) as t(k, s) on conflict do nothing`,
    [keys, keys.map(() => randomBytes(32).toString('base64url'))],
  );
  const rows = await ctx.db.query(
    `select project_key, secret from waymark_email_secrets where project_key = any($1::text[])`,
    [keys],
  );
  return new Map(rows.map((r) => [r.project_key as string, Buffer.from(r.secret, 'base64url')]));
}

/**
 * Email, for the projects that configure it: the `email` job in the outbound lane (over SMTP with nodemailer, with
 * the queue's retries), the celebration and team consumer on the notification bus, the weekly digest among the
 * scheduled tasks, and the unsubscribe endpoint. Call before the workers start and before `listen()`.
 *
 * @example
 * const { app } = await buildApp(ctx);
 * await setupEmail(ctx, app);
 */
export async function setupEmail(ctx: ServerContext, app: FastifyInstance) {
  const projects = ctx.config.projects.filter((p) => p.email);
  if (!projects.length) return;
  const secrets = await loadSecrets(
    ctx,
    projects.map((p) => p.key),
  );
  const transports = new Map<string, Transporter>(
    projects.map((p) => [
      p.key,
      nodemailer.createTransport({
        url: p.email!.smtp,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      }),
    ]),
  );
  // Links use the project's publicUrl, else this server's own address once it listens.
  const ownUrl = () => {
    const address = app.server.address();
    if (!address || typeof address !== 'object') return undefined;
    return `http://${ctx.config.host.includes(':') ? `[${ctx.config.host}]` : ctx.config.host}:${address.port}`;
  };
  const baseUrl = (projectKey: string) => ctx.project(projectKey)?.publicUrl ?? ownUrl();

  ctx.outbound.add('email');
  ctx.jobs.email = createEmailJob(ctx, { transports, secrets, baseUrl });
  ctx.notifier.subscribe(celebrateByEmail(ctx, createDefinitionsIn()));
  ctx.scheduledTasks.push(['digests', queueDigests]);
  await app.register(async (scope) => unsubscribeRoutes(scope, ctx, secrets));
  // A loopback publicUrl is a machine's own setup (a local mail catcher, the demo), where no mail provider is involved.
  const loopback = (url: string) => /^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/.test(url);
  for (const p of projects)
    if (!p.publicUrl?.startsWith('https://') && !(p.publicUrl && loopback(p.publicUrl)))
      ctx.log.warn(
        { project: p.key },
        'email: set publicUrl to an https address users can reach: unsubscribe links point there, and mail providers want https for one-click unsubscribe',
      );
}
