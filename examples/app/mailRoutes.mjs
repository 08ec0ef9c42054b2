// The demo's inbox in the browser: /demo/mail lists the emails the mail catcher took, /demo/mail/:id shows one as
// its recipient's mail client would.

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// An email's HTML carries its own inline styles, as every email does; nothing else may load or run in it.
const MAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; sandbox";

const listPage = (mailbox) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Demo inbox · Acme</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/styles.css" />
  </head>
  <body>
    <main class="inbox">
      <h1>Demo inbox</h1>
      <p class="muted">
        The emails waymark-server sent (celebrations, digests): ${mailbox.count()} since the demo started, the
        ${mailbox.mails.length === mailbox.count() ? '' : `${mailbox.mails.length} latest `}newest first. Nothing
        leaves this machine. <a href="/">Back to the app</a>
      </p>
      ${
        mailbox.mails.length
          ? `<table>
        <thead><tr><th scope="col">Sent</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead>
        <tbody>
          ${mailbox.mails
            .map(
              (m) =>
                `<tr><td>${escapeHtml(m.date.slice(0, 16).replace('T', ' '))}</td><td>${escapeHtml(m.to)}</td><td><a href="/demo/mail/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
            )
            .join('\n          ')}
        </tbody>
      </table>`
          : '<p>No email yet. Create a project in the app: the first one is celebrated by email.</p>'
      }
    </main>
  </body>
</html>
`;

/**
 * Registers the inbox's pages on the demo's Fastify app.
 *
 * @example
 * mailRoutes(server.app, await startMailbox(0));
 *
 * @param {import('fastify').FastifyInstance} app
 * @param {Awaited<ReturnType<typeof import('./startMailbox.mjs').startMailbox>>} mailbox
 */
export function mailRoutes(app, mailbox) {
  app.get('/demo/mail', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(listPage(mailbox)),
  );
  app.get('/demo/mail/:id', async (request, reply) => {
    const mail = mailbox.mails.find((m) => String(m.id) === request.params.id);
    if (!mail) return reply.code(404).type('text/plain; charset=utf-8').send('No such email (the inbox keeps 200).');
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', MAIL_CSP)
      .send(mail.html ?? `<pre>${escapeHtml(mail.text)}</pre>`);
  });
}
