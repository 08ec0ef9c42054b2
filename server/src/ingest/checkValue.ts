const MAX_DEPTH = 10;

/** Why a string cannot be stored (PostgreSQL refuses NUL in text and jsonb, and lone surrogates in jsonb). */
export const stringProblem = (s: string): string | undefined => {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (!s.isWellFormed()) return 'contains a lone surrogate (invalid UTF-16)';
  return undefined;
};

/**
 * Checks a JSON value bound for a jsonb column: every string and key storable, nesting at most `maxDepth` (10) deep.
 * Answers `"path: problem"`, or undefined when it can be stored. Walks with an explicit stack, so a value nested
 * thousands deep costs no recursion.
 *
 * @example
 * checkValue({ a: 'x\u0000' }, 'properties'); // 'properties.a: contains a NUL character'
 */
export function checkValue(value: unknown, path: string, maxDepth = MAX_DEPTH): string | undefined {
  const stack: [unknown, string, number][] = [[value, path, 0]];
  while (stack.length) {
    const [v, at, depth] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = stringProblem(v);
      if (problem) return `${at}: ${problem}`;
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= maxDepth) return `${at}: nested deeper than ${maxDepth} levels`;
      if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) stack.push([x, `${at}[${i}]`, depth + 1]);
      } else
        for (const key of Object.keys(v)) {
          const problem = stringProblem(key);
          if (problem) return `${at}: a key ${problem}`;
          stack.push([(v as Record<string, unknown>)[key], `${at}.${key}`, depth + 1]);
        }
    }
  }
  return undefined;
}
