// Private properties are written in words ending in one underscore (`pending_`) and shortened at build time, as
// preact/signals does with its mangle.json: every build (the ESM and CJS chunks, the widget, the script tag) starts
// from the one table in mangle.json, so a name is the same in all of them and in every release. Public API names,
// stored document keys and wire keys between tabs never end in an underscore, so they are never touched.
// A private property that is not in the table yet fails the build; `node scripts/mangle.mjs` adds it.
// Used by tsup.config.ts and scripts/size-breakdown.mjs.

import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

/** What marks a property as private: one underscore at the end (`__proto__` and `__inline0` are not). */
export const PRIVATE_PROPERTY = /[^_]_$/;

const TABLE = new URL('../mangle.json', import.meta.url);
const readTable = () => JSON.parse(readFileSync(TABLE, 'utf8'));

/**
 * Sets esbuild's options for mangling and returns the plugin that fails a build which met a private property
 * the table does not name.
 *
 * @example
 * esbuildOptions: (options) => mangling(options),
 */
export const withMangling = (options) => {
  options.mangleProps = PRIVATE_PROPERTY;
  options.mangleCache = { ...readTable().props };
};

export const checkMangleTable = {
  name: 'mangle-table',
  setup(pluginBuild) {
    pluginBuild.onEnd((result) => {
      const known = readTable().props;
      // Two private names under one short name would merge two properties wherever both sit on one object: branches
      // that each added names to the table can give the same short name twice.
      const owners = new Map();
      for (const [name, short] of Object.entries(known)) owners.set(short, [...(owners.get(short) ?? []), name]);
      const shared = [...owners.values()].filter((names) => names.length > 1);
      if (shared.length)
        throw new Error(
          `mangle.json gives one short name to ${shared.map((names) => names.join(' and ')).join(', ')}: delete all but one of each and run node scripts/mangle.mjs`,
        );
      const added = Object.keys(result.mangleCache ?? {}).filter((name) => !(name in known));
      if (added.length)
        throw new Error(
          `private properties missing from mangle.json: ${added.join(', ')}; run node scripts/mangle.mjs`,
        );
    });
  },
};

// Run directly: bundles every entry point with the table and writes back the names esbuild gave new properties.
if (import.meta.url === `file://${process.argv[1]}`) {
  const table = readTable();
  const result = await build({
    entryPoints: ['src/index.ts', 'src/engine.ts', 'widget/index.ts', 'react/index.ts', 'widget/script/global.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: 'mangle-out',
    write: false,
    external: ['react'],
    logLevel: 'error',
    mangleProps: PRIVATE_PROPERTY,
    mangleCache: table.props,
  });
  const added = Object.keys(result.mangleCache).filter((name) => !(name in table.props));
  const props = Object.fromEntries(Object.entries(result.mangleCache).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(TABLE, `${JSON.stringify({ ...table, props }, null, 2)}\n`);
  console.log(`mangle.json: ${Object.keys(props).length} private properties, ${added.length} added ${added.join(' ')}`);
}
