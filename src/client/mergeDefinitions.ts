import type { RemoteState } from '../sync/types';

const idOf = (d: unknown) => (d && typeof d === 'object' ? (d as { id?: unknown }).id : undefined);

const byId = (local: unknown, remote: unknown[] | undefined): unknown => {
  if (!Array.isArray(remote)) return local;
  if (!Array.isArray(local)) return remote;
  const replacements = new Map(remote.map((d) => [idOf(d), d]));
  const known = new Set(local.map(idOf));
  return [...local.map((d) => replacements.get(idOf(d)) ?? d), ...remote.filter((d) => !known.has(idOf(d)))];
};

/**
 * Merges definitions served by the backend into the local ones, by id: a remote definition replaces the local one
 * with the same id (in its place), others are added at the end. Benchmarks attach to their milestones.
 * The result is checked by `validateDefinitions` like any other definitions.
 *
 * @example
 * mergeDefinitions({ milestones: [a, b] }, { milestones: [b2, c], achieved: {}, benchmarks: { a: { typicalDays: 3 } } });
 * // { milestones: [a + benchmark, b2, c], levels: undefined }
 */
export function mergeDefinitions(local: { milestones?: unknown; levels?: unknown }, remote?: RemoteState) {
  let milestones = byId(local.milestones, remote?.milestones);
  const benchmarks = remote?.benchmarks;
  if (benchmarks && typeof benchmarks === 'object' && Array.isArray(milestones))
    milestones = milestones.map((d: { benchmark?: object }) => {
      const b = benchmarks[idOf(d) as string];
      return b && typeof b === 'object' ? { ...d, benchmark: { ...d.benchmark, ...b } } : d;
    });
  return { milestones: milestones ?? [], levels: byId(local.levels, remote?.levels) ?? [] };
}
