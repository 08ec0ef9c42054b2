import type { EmailContent, EmailItem } from './EmailContent';

const list = (items: EmailItem[]) =>
  items.map((i) => `${i.icon} ${i.title}${i.detail ? `\n   ${i.detail}` : ''}`).join('\n');

/**
 * The plain-text part of an email: the same words as the HTML, in reading order, with links written out.
 *
 * @example
 * const text = renderText(content, { brand: 'Acme', unsubscribeUrl });
 */
export function renderText(c: EmailContent, o: { brand: string; unsubscribeUrl: string }): string {
  const blocks: string[] = [`${c.eyebrow.toUpperCase()}\n${c.headline}`];
  if (c.body) blocks.push(c.body);
  const badge = [c.badge?.name ? `${c.badge.icon} ${c.badge.label}.` : '', c.roi ?? ''].filter(Boolean).join('\n');
  if (badge) blocks.push(badge);
  if (c.items?.length) blocks.push(list(c.items));
  if (c.team?.items.length) blocks.push(`${c.team.heading}\n${list(c.team.items)}`);
  if (c.cta) blocks.push(`${c.cta.lead ? `${c.cta.lead}\n` : ''}${c.cta.label}: ${c.cta.href}`);
  blocks.push(`--\n${c.why}\nUnsubscribe from ${o.brand} emails: ${o.unsubscribeUrl}`);
  return `${blocks.join('\n\n')}\n`;
}
