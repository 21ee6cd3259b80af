import { defineConfig } from 'vitest/config';

/**
 * The admin console's browser tests (`test/browser/`): Chromium against a whole local stack that
 * each file starts itself. Run after the rest of `npm test`, one file at a time, so their stack
 * never competes for the two cores with the other stack-starting tests (test/local/start.test.ts):
 * under contention the demo import's Cloudbeds requests can trip the simulator's rate limit.
 * No global DynamoDB Local: the stack brings its own.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
