const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The stylesheet of the unsubscribe pages, served from the server itself so the pages work under `default-src 'self'`. */
export const UNSUBSCRIBE_CSS = `:root { color-scheme: light dark; --bg: #f4f4f7; --card: #fff; --text: #1b1b1f; --muted: #4a4a55; --accent: #5b5bd6; --line: #e6e6ec; }
@media (prefers-color-scheme: dark) { :root { --bg: #111114; --card: #1c1c21; --text: #f2f2f5; --muted: #b4b4be; --accent: #8f8ff0; --line: #2c2c33; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 24px 16px; background: var(--bg); color: var(--text);
  font: 16px/1.55 -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; }
main { width: 100%; max-width: 440px; background: var(--card); border: 1px solid var(--line); border-radius: 16px; padding: 32px 28px; }
.brand { margin: 0 0 20px; font-weight: 700; }
h1 { margin: 0 0 8px; font-size: 24px; line-height: 1.25; }
p { margin: 0 0 16px; color: var(--muted); }
form { margin: 24px 0 0; }
button { font: inherit; font-weight: 600; cursor: pointer; border: 0; border-radius: 10px; padding: 12px 22px; background: var(--accent); color: #fff; }
button.quiet { background: transparent; color: var(--accent); padding: 12px 0; text-decoration: underline; }
button:focus-visible { outline: 3px solid var(--text); outline-offset: 2px; }
@media (prefers-color-scheme: dark) { button { color: #111114; } button.quiet { color: var(--accent); } }
`;

/** An address shown without handing it to whoever holds the link: `da•••@acme.example`. */
const mask = (address: string) => {
  const [local, domain] = address.split('@');
  return `${local.slice(0, Math.min(2, local.length - 1))}•••@${domain}`;
};

/** What the page says. */
export type UnsubscribeState = 'ask' | 'unsubscribed' | 'resubscribed' | 'invalid';

/**
 * The small unsubscribe page: asks before unsubscribing (mail scanners open links, so a GET changes nothing), confirms
 * after the POST, offers to subscribe again; no script, no inline style.
 *
 * @example
 * unsubscribePage({ state: 'ask', brand: 'Acme', address: 'dana@acme.example', action: '/v1/email/unsubscribe?p=…' });
 */
export function unsubscribePage(o: {
  state: UnsubscribeState;
  brand?: string;
  address?: string;
  action?: string;
  css: string;
}): string {
  const brand = escapeHtml(o.brand ?? 'waymark');
  const who = o.address ? `<strong>${escapeHtml(mask(o.address))}</strong>` : 'This address';
  const form = (label: string, field: string, quiet = false) =>
    `<form method="post" action="${escapeHtml(o.action ?? '')}"><input type="hidden" name="${field}" value="1"><button${quiet ? ' class="quiet"' : ''} type="submit">${label}</button></form>`;
  const body = {
    ask: `<h1>Unsubscribe from ${brand} emails?</h1>
<p>${who} will get no more celebrations, team news or weekly summaries from ${brand}.</p>
${form('Unsubscribe', 'unsubscribe')}`,
    unsubscribed: `<h1>You’re unsubscribed</h1>
<p>${who} will get no more emails from ${brand}. Your milestones in the app stay as they are.</p>
${form('Subscribe again', 'resubscribe', true)}`,
    resubscribed: `<h1>You’re subscribed again</h1>
<p>${who} will get ${brand}’s celebrations and weekly summaries again.</p>
${form('Unsubscribe', 'unsubscribe', true)}`,
    invalid: `<h1>This link doesn’t work</h1>
<p>The unsubscribe link is incomplete or was changed. Use the link at the bottom of any of our emails.</p>`,
  }[o.state];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${o.state === 'invalid' ? 'Unsubscribe' : `Email from ${brand}`}</title>
<link rel="stylesheet" href="${escapeHtml(o.css)}">
</head>
<body>
<main>
<p class="brand">${brand}</p>
${body}
</main>
</body>
</html>
`;
}
