import { DynamoDbStorageProbe } from '#adapters/dynamodb/storage-probe.ts';
import type { HealthDeps } from '#use-cases/system/check-health.use-case.ts';
import { provider } from './provider.ts';
import { config } from './runtime.ts';
import { documentClient } from './storage.ts';

/** `GET /api/health`: the table, read once per probe (no write). */
export const healthDeps = /* @__PURE__ */ provider<HealthDeps>(() => ({
  probes: [new DynamoDbStorageProbe(documentClient(), config().tableName)],
  monotonicNow: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
  probeTimeoutMs: 2_000,
}));
