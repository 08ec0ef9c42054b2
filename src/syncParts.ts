// What the browser client loads with an `endpoint` (`ClientParts.loadSync`): one chunk in the ESM build.
export { connectSync } from './client/connectSync';
export { createSync } from './sync/createSync';
export { createFetchTransport as createTransport } from './platform/browser/createFetchTransport';
export { createSyncPlatform } from './platform/browser/createSyncPlatform';
