// Entry of dist/waymark.sync.js: what `src/loadSync.ts` returns, for the script-tag build (`window.__waymark_sync`).
export { createSync } from '../../src/sync/createSync';
export { createFetchTransport } from '../../src/browser/createFetchTransport';
export { createBrowserPlatform } from '../../src/browser/createBrowserPlatform';
