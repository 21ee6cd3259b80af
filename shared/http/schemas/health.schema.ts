import * as z from 'zod';
import { dataEnvelope } from './common.schema.ts';

const DependencyStatus = z.union([
  z.object({ status: z.literal('ok'), latencyMs: z.number().int().nonnegative() }),
  z.object({ status: z.literal('unavailable'), reason: z.string() }),
]);

export const HealthResponse = dataEnvelope(
  z.object({
    status: z.literal('ok'),
    /** Each dependency by name (`storage`): how long it took to answer. */
    dependencies: z.record(z.string(), DependencyStatus),
  }),
);
