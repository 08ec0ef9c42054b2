// Entry of dist/waymark.sync.js: what `src/loadSync.ts` loads, for the script-tag build (`window.__waymark_sync`).
export * from '../../src/sync/syncParts';
