// What `loadSync` loads: one chunk in the ESM build, the entry of waymark.sync.js in the script-tag build.
export { createSync } from './createSync';
export { createFetchTransport } from '../browser/createFetchTransport';
export { createBrowserPlatform } from '../browser/createBrowserPlatform';
