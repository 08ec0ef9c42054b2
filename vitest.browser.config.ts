import { defineConfig } from 'vitest/config';

// Real headless Chromium (playwright-core + /usr/bin/chromium) against the built dist/.
// Run with `npm run test:browser`, which builds first.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts', 'server/test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
