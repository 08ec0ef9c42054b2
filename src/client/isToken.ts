/**
 * Whether `value` can be an identity token: a non-empty string of at most 8,192 characters (a JWT with its claims).
 *
 * @example
 * isToken('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1XzEyMyJ9.sig'); // true
 */
export const isToken = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 8192;

/**
 * How an error message names a value that should have been a token: by its type and length, never its text
 * (a token is a credential, and error messages reach consoles and logs).
 *
 * @example
 * describeToken(''); // 'an empty string'
 */
export const describeToken = (value: unknown): string =>
  typeof value === 'string'
    ? value
      ? `a string of ${value.length} characters`
      : 'an empty string'
    : value === null
      ? 'null'
      : typeof value;
