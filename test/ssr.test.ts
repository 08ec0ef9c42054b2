import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// Importing must not touch browser globals: run the built entry in a fresh Node process whose
// window, document, indexedDB, navigator and fetch are traps that record any access.
const script = (entry: string) => `
const touched = [];
for (const name of ['window', 'document', 'indexedDB', 'navigator', 'fetch', 'localStorage', 'BroadcastChannel']) {
  Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
}
const mod = await import(${JSON.stringify(entry)});
const onImport = [...touched];
const wm = mod.createWaymark({ projectKey: 'pk_ssr', storage: 'memory', milestones: [{ id: 'a', title: 'A', rule: { event: 'a' } }] });
await wm.ready;
wm.track('a');
console.log(JSON.stringify({ onImport, status: wm.milestone('a').status }));
wm.destroy();
`;

describe('server-side rendering and Node', () => {
  it('importing touches no browser global, and the client works in Node', () => {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script(new URL('../dist/index.js', import.meta.url).href)],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(out)).toEqual({ onImport: [], status: 'achieved' });
  });
});
