/**
 * A new random id: 128 random bits as 32 hex digits. The backend treats an anonymous id as a bearer secret (it alone
 * reads that visitor's state), so it must not be guessable: crypto.getRandomValues, everywhere waymark runs.
 *
 * @example
 * randomId(); // '3f0c…' (32 hex digits)
 */
export function randomId(): string {
  const bytes = new Uint8Array(16);
  if (typeof crypto === 'object' && crypto.getRandomValues) crypto.getRandomValues(bytes);
  // Only where no Web Crypto exists (no browser or Node since 19 lacks it): unique, though not a secret.
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
