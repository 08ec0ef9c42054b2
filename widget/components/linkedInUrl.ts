/**
 * LinkedIn's share link for `url` (its share-offsite page takes only the URL, and shows that page's preview).
 *
 * @example
 * linkedInUrl('https://acme.example'); // 'https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Facme.example'
 */
export const linkedInUrl = (url: string) =>
  'https://www.linkedin.com/sharing/share-offsite/?url=' + encodeURIComponent(url);
