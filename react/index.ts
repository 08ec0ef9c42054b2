// The `waymark/react` entry: hooks over a waymark client, on React's useSyncExternalStore. Importing it touches no
// DOM; `react` is a peer dependency. The custom elements' JSX types (elements.ts) come with it.
import './elements';

export type { LevelState, MilestoneState, Waymark } from '../src/types';
export { useLevels } from './useLevels';
export { useMilestone } from './useMilestone';
export { useMilestones } from './useMilestones';

export type { WaymarkSnapshot } from './useWaymark';
export { useWaymark } from './useWaymark';
