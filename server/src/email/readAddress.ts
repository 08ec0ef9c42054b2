import addressparser from 'nodemailer/lib/addressparser';

// One mailbox, as people write them: no spaces, commas, angle brackets or quotes; a dot in the domain.
const MAILBOX = /^[^\s@<>,;:"()[\]\\]{1,64}@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\]+$/;

/**
 * The one address in a user's `email` trait, lower-cased, or undefined when it is not exactly one plain mailbox.
 * A trait is user input: `"a@x.example, b@y.example"` must never mail two people.
 *
 * @example
 * readAddress(' Dana@Acme.example '); // 'dana@acme.example'
 * readAddress('a@x.example, b@y.example'); // undefined
 */
export function readAddress(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 254) return undefined;
  const address = value.trim().toLowerCase();
  return MAILBOX.test(address) ? address : undefined;
}

/**
 * A sender like `Acme <hello@acme.example>`: its name (the product's name in the emails) and its address, or
 * undefined when it is not one mailbox.
 *
 * @example
 * readSender('Acme <hello@acme.example>'); // { name: 'Acme', address: 'hello@acme.example' }
 */
export function readSender(value: unknown): { name: string; address: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = addressparser(value);
  if (parsed.length !== 1 || parsed[0].group || !readAddress(parsed[0].address)) return undefined;
  const address = parsed[0].address!;
  return { name: parsed[0].name.trim() || address.split('@')[1], address };
}
