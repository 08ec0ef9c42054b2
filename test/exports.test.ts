import { describe, expect, it } from 'vitest';
import * as source from '../src/index';

// The public surface, pinned: adding or removing an export is a deliberate change to this list.
const surface = ['createFetchTransport', 'createMemoryStorage', 'createWaymark', 'validateDefinitions'];

describe('exports of waymark', () => {
  it('the source entry exports exactly the public surface', () => {
    expect(Object.keys(source).sort()).toEqual(surface);
  });

  it('the built ESM and CJS entries export the same', async () => {
    const esm = await import('../dist/index.js' as string);
    expect(Object.keys(esm).sort()).toEqual(surface);
    const { createRequire } = await import('node:module');
    const cjs = createRequire(import.meta.url)('../dist/index.cjs');
    expect(Object.keys(cjs).sort()).toEqual(surface);
  });

  it('package.json lists types first in each export condition, and has no side effects', async () => {
    const pkg = (await import('../package.json')).default as any;
    expect(pkg.sideEffects).toBe(false);
    for (const [entry, conditions] of Object.entries<any>(pkg.exports)) {
      if (typeof conditions === 'object') expect(Object.keys(conditions)[0], entry).toBe('types');
    }
  });
});

describe('exports of waymark/engine', () => {
  const engineSurface = [
    'SCHEMA_VERSION',
    'createEngine',
    'createUserDoc',
    'mergeUserDocs',
    'parseDuration',
    'readUserDoc',
    'validateDefinitions',
  ];

  it('the source, the built ESM and the CJS entries export exactly the engine surface', async () => {
    const src = await import('../src/engine');
    expect(Object.keys(src).sort()).toEqual(engineSurface);
    expect(Object.keys(await import('../dist/engine.js' as string)).sort()).toEqual(engineSurface);
    const { createRequire } = await import('node:module');
    expect(Object.keys(createRequire(import.meta.url)('../dist/engine.cjs')).sort()).toEqual(engineSurface);
  });

  it('resolves by package name, as waymark-server imports it', async () => {
    const byName = await import('waymark/engine' as string);
    expect(typeof byName.createEngine).toBe('function');
  });
});
