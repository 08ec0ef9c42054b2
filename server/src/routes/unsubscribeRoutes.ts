import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { readUnsubscribe } from '../email/unsubscribeLink';
import { UNSUBSCRIBE_CSS, type UnsubscribeState, unsubscribePage } from '../email/unsubscribePage';

const CSS_PATH = '/v1/email/unsubscribe.css';
// No script, no inline style: the pages are static HTML and one stylesheet from here.
const CSP = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The unsubscribe endpoint of the emails' links and `List-Unsubscribe` headers, on a signed URL (`?p=&a=&s=`, see
 * unsubscribeUrl). `GET` shows a page that asks (mail scanners open links: a GET changes nothing); `POST` unsubscribes:
 * the one-click POST of RFC 8058 (`List-Unsubscribe=One-Click`) from a mail client, or the page's button. The page's
 * "Subscribe again" POSTs `resubscribe=1`. A forged or damaged link is a 400 page, and changes nothing.
 *
 * @example
 * await app.register((scope) => unsubscribeRoutes(scope, ctx, secrets));
 */
export async function unsubscribeRoutes(app: FastifyInstance, ctx: ServerContext, secrets: Map<string, Buffer>) {
  // Bodies here are forms (urlencoded or multipart, RFC 8058), never JSON: read as text, whatever the type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => done(null, body));

  const page = (
    reply: FastifyReply,
    status: number,
    state: UnsubscribeState,
    link?: { projectKey: string; address: string },
    action?: string,
  ) =>
    reply
      .code(status)
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': CSP,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      })
      .send(
        unsubscribePage({
          state,
          brand: link && ctx.project(link.projectKey)?.email?.brand,
          address: link?.address,
          action,
          css: CSS_PATH,
        }),
      );
  const read = (request: FastifyRequest) => readUnsubscribe(request.query, (key) => secrets.get(key));
  // Relative (the query only), so the form posts back to this page's URL behind a proxy that adds a path prefix too.
  const action = (request: FastifyRequest) => request.url.slice(request.url.indexOf('?'));

  app.get(CSS_PATH, async (_request, reply) =>
    reply
      .headers({ 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400' })
      .send(UNSUBSCRIBE_CSS),
  );

  app.get('/v1/email/unsubscribe', async (request, reply) => {
    const link = read(request);
    if (!link) return page(reply, 400, 'invalid');
    const [row] = await ctx.db.query(
      `select 1 from waymark_email_unsubscribes where project_key = $1 and address = $2`,
      [link.projectKey, link.address],
    );
    return page(reply, 200, row ? 'unsubscribed' : 'ask', link, action(request));
  });

  app.post('/v1/email/unsubscribe', async (request, reply) => {
    const link = read(request);
    if (!link) return page(reply, 400, 'invalid');
    const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
    if (form.get('resubscribe') === '1') {
      await ctx.db.query(`delete from waymark_email_unsubscribes where project_key = $1 and address = $2`, [
        link.projectKey,
        link.address,
      ]);
      return page(reply, 200, 'resubscribed', link, action(request));
    }
    await ctx.db.query(
      `insert into waymark_email_unsubscribes (project_key, address) values ($1, $2) on conflict do nothing`,
      [link.projectKey, link.address],
    );
    return page(reply, 200, 'unsubscribed', link, action(request));
  });
}
