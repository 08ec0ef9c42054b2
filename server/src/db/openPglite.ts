import { fsyncSync, mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/**
 * PGlite's Node filesystem with a real fsync. PGlite starts PostgreSQL with `fsync=off`, and its emscripten layer
 * answers fsync and fdatasync without doing them, so a committed batch could sit in the page cache when the machine
 * loses power. Here PostgreSQL runs with `fsync=on` and `wal_sync_method=fsync`, and the filesystem's fsync calls
 * the real one: each commit reaches the disk before it is acknowledged (measured: about 0.5 ms per commit here).
 */
class DurableNodeFS extends NodeFS {
  // biome-ignore lint/suspicious/noExplicitAny: PGlite's filesystem options and Emscripten module are not typed
  override async init(pg: PGlite, options: any) {
    const result = await super.init(pg, options);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...preRun,
      // biome-ignore lint/suspicious/noExplicitAny: the Emscripten module, untyped
      (mod: any) => {
        mod.NODEFS.stream_ops.fsync = (stream: { nfd?: number }) => {
          if (stream.nfd !== undefined) fsyncSync(stream.nfd);
          return 0;
        };
      },
    ];
    return result;
  }
}

/**
 * Opens an embedded PostgreSQL (PGlite): on disk in `dataDir`, durable, or in memory for `':memory:'`.
 *
 * @example
 * const lite = await openPglite('./.waymark-data');
 */
export async function openPglite(dataDir: string): Promise<PGlite> {
  if (dataDir === ':memory:') {
    const lite = new PGlite();
    await lite.waitReady;
    return lite;
  }
  mkdirSync(dataDir, { recursive: true });
  const startParams = [...PGlite.defaultStartParams.filter((p: string) => p !== '-F'), '-c', 'wal_sync_method=fsync'];
  const lite = new PGlite({ fs: new DurableNodeFS(dataDir), startParams });
  await lite.waitReady;
  return lite;
}
