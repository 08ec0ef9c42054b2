import { IDBFactory } from 'fake-indexeddb';
import { createWaymark } from '../src/index';
import type { MilestoneDefinition, WaymarkError, WaymarkOptions, WaymarkStorage } from '../src/types';

/** A fresh fake IndexedDB as the global one, as a browser profile would have: call per test. */
export function freshIndexedDB() {
  (globalThis as any).indexedDB = new IDBFactory();
}

/** A memory storage that counts writes. */
export function countingStorage() {
  const map = new Map<string, unknown>();
  const storage = {
    writes: 0,
    map,
    get: async (k: string) => structuredClone(map.get(k)),
    set: async (k: string, v: unknown) => void (storage.writes++, map.set(k, structuredClone(v))),
    del: async (k: string) => void map.delete(k),
    setIfAbsent: async (k: string, v: unknown) => (map.has(k) ? false : (map.set(k, v), true)),
  } satisfies WaymarkStorage & Record<string, unknown>;
  return storage;
}

export const defs: MilestoneDefinition[] = [
  { id: 'first-project', title: 'Create your first project', rule: { event: 'project_created' } },
  { id: 'five-tasks', title: 'Add 5 tasks', rule: { event: 'task_added', count: 5 } },
  { id: 'invite', title: 'Invite a teammate', rule: { event: 'member_invited' }, requires: ['first-project'] },
];

/** A client with recorded errors and achievements. */
export function client(options: Partial<WaymarkOptions> = {}) {
  const errors: WaymarkError[] = [];
  const achieved: string[] = [];
  const wm = createWaymark({ projectKey: 'pk_test', milestones: defs, ...options } as WaymarkOptions);
  wm.on('error', (e) => errors.push(e));
  wm.on('achieved', (m) => achieved.push(m.id));
  return { wm, errors, achieved };
}
