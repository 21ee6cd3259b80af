import { defineConfig } from 'vitest/config';

/**
 * Three tiers, one command (`npm test` runs them all):
 * - `unit`: `*.unit.test.ts`, on in-memory fakes of the ports; no Java, no sockets. `npm run test:unit`.
 * - `integration`: every other test under `test/` except infra, against DynamoDB Local (one per run,
 *   started by the global setup), the simulators over HTTP and the local state machine.
 * - `infra`: CDK assertions and cdk-nag (`test/infra/`).
 */
const common = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  env: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
};

export default defineConfig({
  test: {
    pool: 'forks',
    // Two cores: two workers keep CPU-bound CDK synth and DynamoDB Local from starving each other.
    maxWorkers: 2,
    projects: [
      // Unit files share one module graph per worker (no module mocks, no env changes, fakes built per
      // test): importing zod, Powertools and the adapters once per worker instead of once per file
      // halves the tier's time, and keeps it well under 30 s with both cores busy.
      { test: { ...common, name: 'unit', include: ['test/**/*.unit.test.ts'], isolate: false } },
      {
        test: {
          ...common,
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.unit.test.ts', 'test/infra/**', 'test/browser/**'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      { test: { ...common, name: 'infra', include: ['test/infra/**/*.test.ts'], exclude: ['test/infra/**/*.unit.test.ts'] } },
    ],
  },
});
