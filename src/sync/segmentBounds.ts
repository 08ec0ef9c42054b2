/** The numbers of the segments that may hold events: from `head` (the oldest) up to, not including, `tail`. */
export interface Bounds {
  head: number;
  tail: number;
}

/**
 * A stored record of the queue's segment numbers read as `Bounds`: anything else (nothing stored yet) is none.
 *
 * @example
 * const { head, tail } = segmentBounds(await storage.get('wm:pk_demo:outbox:queue'));
 */
export const segmentBounds = (value: unknown): Bounds => {
  const { head, tail } = (value ?? {}) as Partial<Bounds>;
  return Number.isInteger(head) && Number.isInteger(tail) && head! <= tail!
    ? { head: head!, tail: tail! }
    : { head: 0, tail: 0 };
};
