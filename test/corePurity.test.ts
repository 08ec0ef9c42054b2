import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The engine, its state and the outbox run anywhere, a server included: storage and transport are handed in.
// Browser glue lives in createIdbStorage, watchPage and src/browser/, and nowhere in these files.
const engineFiles = [
  'compileDefinitions.ts',
  'createEngine.ts',
  'createLeaf.ts',
  'createSaver.ts',
  'dayNumber.ts',
  'matchesWhere.ts',
  'toMilestoneState.ts',
  'userDoc.ts',
  'validateDefinitions.ts',
  'sanitizeProperties.ts',
  'parseDuration.ts',
  'createEmitter.ts',
].map((f) => `src/${f}`);
const syncFiles = (() => {
  try {
    return readdirSync('src/sync').map((f) => `src/sync/${f}`);
  } catch {
    return [];
  }
})();
const browserGlobals =
  /\b(window|document|indexedDB|navigator|localStorage|sessionStorage|BroadcastChannel|fetch)\b\s*[.(]/;

describe('the core has no browser in it', () => {
  for (const file of [...engineFiles, ...syncFiles]) {
    it(file, () => {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      expect(code.match(browserGlobals)?.[0]).toBeUndefined();
    });
  }
});
