// The reference backend as a library: embed it in your own Node server, or run main.mjs.
export { startServer } from './startServer.mjs';
export { createApp } from './createApp.mjs';
export { openDatabase } from './openDatabase.mjs';
export { validateBatch } from './validateBatch.mjs';
export { computeBenchmarks } from './computeBenchmarks.mjs';
export { recompute } from './recompute.mjs';
