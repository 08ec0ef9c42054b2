import { defineConfig } from 'vitest/config';

// End to end: the example app (examples/app) and the reference backend on one origin (the demo server,
// started in-process with a fresh database per file), driven in real headless Chromium (/usr/bin/chromium).
// Run with `npm run test:e2e`, which builds waymark and the app first. Screenshots go to artifacts/e2e/.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // No retries: the three-tab test's one flake was a real bug (two tabs could each send the same `achieved`
    // event), found by loading both cores and fixed with a claim per user and milestone.
  },
});
