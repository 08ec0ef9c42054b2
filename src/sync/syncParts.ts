// What `loadSync` loads: one chunk in the ESM build.
export { createSync } from './createSync';
export { createFetchTransport } from '../browser/createFetchTransport';
export { createBrowserPlatform } from '../browser/createBrowserPlatform';
