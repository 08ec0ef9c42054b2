import type { EmailContent, EmailItem } from './EmailContent';

const FONT = `-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif,'Apple Color Emoji','Segoe UI Emoji','Noto Color Emoji'`;
const ACCENT = '#5b5bd6';

// Mail clients keep inline styles; the <style> block is an extra for the clients that read it (Apple Mail, iOS,
// Outlook.com, some Gmail apps): dark mode and narrow screens. Colours pass WCAG AA in both schemes.
const STYLE = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .wm-bg { background: #111114 !important; }
  .wm-card { background: #1c1c21 !important; border-color: #2c2c33 !important; }
  .wm-text { color: #f2f2f5 !important; }
  .wm-muted { color: #a9a9b4 !important; }
  .wm-accent { color: #a5a5f7 !important; }
  .wm-circle { background: #2a2a45 !important; }
  .wm-roi { background: #133022 !important; color: #86e3ae !important; }
  .wm-rule { border-color: #2c2c33 !important; }
  .wm-link { color: #a5a5f7 !important; }
}
@media (max-width: 480px) {
  .wm-outer { padding: 16px 8px !important; }
  .wm-pad { padding: 28px 22px 24px !important; }
  .wm-h1 { font-size: 24px !important; }
}`;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const items = (list: EmailItem[]) =>
  `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 8px">${list
    .map(
      (i) => `<tr>
  <td valign="top" width="36" style="padding:10px 0;font:20px/24px ${FONT}" aria-hidden="true">${escapeHtml(i.icon)}</td>
  <td valign="top" class="wm-rule" style="padding:10px 0;border-bottom:1px solid #ececf1">
    <div class="wm-text" style="font:600 16px/24px ${FONT};color:#1b1b1f">${escapeHtml(i.title)}</div>${
      i.detail
        ? `\n    <div class="wm-muted" style="font:14px/20px ${FONT};color:#5c5c66">${escapeHtml(i.detail)}</div>`
        : ''
    }
  </td>
</tr>`,
    )
    .join('\n')}</table>`;

/**
 * An email as HTML that mail clients show well: tables for layout, inline CSS, real text (the badge is an emoji with
 * a label, not an image), one button, a quiet footer with the unsubscribe link; a `<style>` block adds dark mode and
 * phone widths where the client reads it.
 *
 * @example
 * const html = renderHtml(content, { brand: 'Acme', unsubscribeUrl });
 */
export function renderHtml(c: EmailContent, o: { brand: string; unsubscribeUrl: string }): string {
  const parts: string[] = [];
  if (c.badge)
    parts.push(`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 20px"><tr>
  <td class="wm-circle" width="72" height="72" align="center" valign="middle" style="width:72px;height:72px;border-radius:36px;background:#eeeefc;font:36px/72px ${FONT};text-align:center">
    <span role="img" aria-label="${escapeHtml(c.badge.name ? `Badge: ${c.badge.name}` : 'Celebration')}">${escapeHtml(c.badge.icon)}</span>
  </td></tr></table>`);
  parts.push(
    `<p class="wm-accent" style="margin:0 0 8px;font:700 13px/18px ${FONT};letter-spacing:.06em;text-transform:uppercase;color:${ACCENT}">${escapeHtml(c.eyebrow)}</p>`,
  );
  parts.push(
    `<h1 class="wm-text wm-h1" style="margin:0 0 12px;font:700 28px/1.25 ${FONT};color:#1b1b1f">${escapeHtml(c.headline)}</h1>`,
  );
  if (c.body)
    parts.push(
      `<p class="wm-muted" style="margin:0 0 16px;font:16px/1.55 ${FONT};color:#4a4a55">${escapeHtml(c.body)}</p>`,
    );
  if (c.badge?.name)
    parts.push(
      `<p class="wm-text" style="margin:0 0 16px;font:600 16px/1.5 ${FONT};color:#1b1b1f">${escapeHtml(c.badge.label)}</p>`,
    );
  if (c.roi)
    parts.push(
      `<p style="margin:0 0 24px"><span class="wm-roi" style="display:inline-block;padding:8px 14px;border-radius:999px;background:#e6f6ec;color:#136c3e;font:600 15px/20px ${FONT}">${escapeHtml(c.roi)}</span></p>`,
    );
  if (c.items?.length) parts.push(items(c.items));
  if (c.team?.items.length)
    parts.push(
      `<h2 class="wm-text" style="margin:24px 0 4px;font:700 18px/1.4 ${FONT};color:#1b1b1f">${escapeHtml(c.team.heading)}</h2>`,
      items(c.team.items),
    );
  if (c.cta) {
    if (c.cta.lead)
      parts.push(
        `<p class="wm-muted" style="margin:24px 0 12px;font:15px/1.5 ${FONT};color:#4a4a55">${escapeHtml(c.cta.lead)}</p>`,
      );
    parts.push(`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:${c.cta.lead ? '0' : '24px 0 0'}"><tr>
  <td style="border-radius:10px;background:${ACCENT}"><a href="${escapeHtml(c.cta.href)}" style="display:inline-block;padding:14px 26px;border-radius:10px;font:600 16px/20px ${FONT};color:#ffffff;text-decoration:none">${escapeHtml(c.cta.label)} &rarr;</a></td>
</tr></table>`);
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(c.subject)}</title>
<style>${STYLE}
</style>
</head>
<body class="wm-bg" style="margin:0;padding:0;background:#f4f4f7">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;mso-hide:all">${escapeHtml(c.preheader)}${'&#8199;&#65279;&#847; '.repeat(30)}</div>
<table role="presentation" class="wm-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f7">
<tr><td class="wm-outer" align="center" style="padding:32px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px">
<tr><td class="wm-text" style="padding:0 8px 16px;font:700 16px/1.4 ${FONT};color:#1b1b1f">${escapeHtml(o.brand)}</td></tr>
<tr><td class="wm-card wm-pad" style="background:#ffffff;border:1px solid #e6e6ec;border-radius:16px;padding:40px 40px 36px">
${parts.join('\n')}
</td></tr>
<tr><td class="wm-muted" style="padding:20px 8px 8px;font:13px/1.6 ${FONT};color:#62626d">
${escapeHtml(c.why)}<br>
<a class="wm-link" href="${escapeHtml(o.unsubscribeUrl)}" style="color:#4b4bc4;text-decoration:underline">Unsubscribe</a> from ${escapeHtml(o.brand)} emails.
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}
