/** Whether `a` is within `k` edits (Levenshtein) of `b`. */
const near = (a: string, b: string, k: number): boolean =>
  k >= 0 &&
  (a[0] === b[0]
    ? !a || near(a.slice(1), b.slice(1), k)
    : near(a.slice(1), b, k - 1) || near(a, b.slice(1), k - 1) || near(a.slice(1), b.slice(1), k - 1));

/**
 * The ` (did you mean "x"?)` hint for a word that is not one of `known`: the first known word within one edit
 * (two for words over two letters), or `''` when none is that close.
 *
 * @example
 * didYouMean('cuont', ['event', 'count']); // ' (did you mean "count"?)'
 */
export function didYouMean(word: string, known: Iterable<string>): string {
  // Words far apart in length are never close; the check stays cheap on long lists of ids.
  for (const candidate of known)
    if (Math.abs(candidate.length - word.length) <= 2 && near(word, candidate, candidate.length > 2 ? 2 : 1))
      return ` (did you mean "${candidate}"?)`;
  return '';
}
