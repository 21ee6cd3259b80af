import * as z from 'zod';
import { dataEnvelope } from './common.schema.ts';

export const HealthResponse = dataEnvelope(z.object({ status: z.literal('ok') }));
