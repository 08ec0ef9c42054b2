/**
 * Says a problem of the script tag on the console, marked as waymark's.
 *
 * @example
 * warn('init() was called twice; the first configuration stays');
 */
export const warn = (message: string) => console.warn('[waymark] ' + message);
