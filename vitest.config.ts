import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}', 'server/test/**/*.test.ts'],
    exclude: ['test/browser/**', 'test/e2e/**', 'server/test/browser/**', 'node_modules/**'],
    environment: 'node',
  },
});
