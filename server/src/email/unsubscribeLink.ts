import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (secret: Buffer, projectKey: string, address: string) =>
  createHmac('sha256', secret).update(`unsubscribe\n${projectKey}\n${address}`).digest();

/**
 * The signed unsubscribe link of one address in one project: `…/v1/email/unsubscribe?p=&a=&s=`, with the address
 * (base64url) and an HMAC-SHA256 of it under the project's unsubscribe secret. Checking it needs the secret only, no
 * lookup; it never expires (a link in an old email must keep working).
 *
 * @example
 * unsubscribeUrl('https://waymark.acme.example', secret, 'pk_acme', 'dana@acme.example');
 */
export function unsubscribeUrl(baseUrl: string, secret: Buffer, projectKey: string, address: string): string {
  const query = new URLSearchParams({
    p: projectKey,
    a: Buffer.from(address).toString('base64url'),
    s: mac(secret, projectKey, address).toString('base64url'),
  });
  return `${baseUrl}/v1/email/unsubscribe?${query}`;
}

/**
 * The address a link's query (`p`, `a`, `s`) unsubscribes, when its signature is right for that project; compared in
 * constant time. `secretOf` answers the project's secret (undefined: no such project, or it sends no email).
 *
 * @example
 * readUnsubscribe({ p: 'pk_acme', a, s }, (key) => secrets.get(key)); // { projectKey: 'pk_acme', address: 'dana@acme.example' }
 */
export function readUnsubscribe(query: unknown, secretOf: (projectKey: string) => Buffer | undefined) {
  const { p, a, s } = (query ?? {}) as Record<string, unknown>;
  if (typeof p !== 'string' || typeof a !== 'string' || typeof s !== 'string' || a.length > 400 || s.length > 100)
    return undefined;
  const secret = secretOf(p);
  if (!secret) return undefined;
  const address = Buffer.from(a, 'base64url').toString('utf8');
  const given = Buffer.from(s, 'base64url');
  const expected = mac(secret, p, address);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { projectKey: p, address };
}
