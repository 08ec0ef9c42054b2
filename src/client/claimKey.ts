/**
 * Where a claim beside a user's document (`key`) is stored: a celebration's (`kind` 'claim') or the sending of an
 * achievement's ('sent'), for a milestone id, or `level:{id}` for a level.
 *
 * @example
 * await storage.setIfAbsent(claimKey(docKey, 'first-project'), Date.now()); // true in one tab only
 */
export const claimKey = (key: string, id: string, kind = 'claim'): string => `${key}:${kind}:${id}`;
