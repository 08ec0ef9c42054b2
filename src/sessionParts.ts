// What the browser client loads as it starts (`ClientParts.loadSession`): one chunk in the ESM build.
export { createSession } from './client/createSession';
export { createBrowserPlatform as createPlatform } from './platform/browser/createBrowserPlatform';
