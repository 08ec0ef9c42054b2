/** What a subject is: a user ('u:'), an anonymous device ('a:') or an account ('c:'). */
export type SubjectKind = 'user' | 'anonymous' | 'account';

/** The subject key of a user, an anonymous device or an account. */
export const userSubject = (userId: string) => `u:${userId}`;
export const anonymousSubject = (anonymousId: string) => `a:${anonymousId}`;
export const accountSubject = (accountId: string) => `c:${accountId}`;

/**
 * The kind of a subject key.
 *
 * @example
 * kindOf('u:42'); // 'user'
 */
export const kindOf = (subject: string): SubjectKind =>
  subject.startsWith('u:') ? 'user' : subject.startsWith('c:') ? 'account' : 'anonymous';

/** The id inside a subject key. */
export const idOf = (subject: string) => subject.slice(2);
