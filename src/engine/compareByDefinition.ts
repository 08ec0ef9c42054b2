/** Where a path points: its section (root 0, milestones 1, levels 2) and the element's index (-1 for none). */
const place = (path: string): [number, number] => {
  const [, section, index] = /^(milestones|levels)\[(\d+)\]/.exec(path) ?? [];
  return section ? [section === 'milestones' ? 1 : 2, Number(index)] : [0, -1];
};

/**
 * Orders validation problems as a reader goes through a definitions file: the file's own keys, then the milestones
 * in order (`milestones[2]` before `milestones[10]`), then the levels. Problems of one element keep the order they
 * were found in (its fields, then its references), since a stable sort leaves ties alone.
 *
 * @example
 * errors.sort((a, b) => compareByDefinition(a.path, b.path));
 */
export function compareByDefinition(a: string, b: string): number {
  const [sectionA, indexA] = place(a);
  const [sectionB, indexB] = place(b);
  return sectionA - sectionB || indexA - indexB;
}
