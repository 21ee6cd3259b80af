import * as z from 'zod';
import { isIsoDate } from '#domain/dates.ts';

/** Ids are opaque strings; this bound keeps keys and log lines sane. */
export const Id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must contain only letters, digits, and _ . : -');

export const IsoDateString = z
  .string()
  .refine(isIsoDate, { message: 'must be a real date in YYYY-MM-DD form' })
  .meta({ format: 'date', example: '2026-12-01' });

export const ErrorEnvelope = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.string().meta({ example: 'VALIDATION_ERROR' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
    requestId: z.string(),
  })
  .meta({ id: 'ErrorEnvelope' });

/** `{"success": true, "data": ...}`: the shape of every successful read. */
export function dataEnvelope<T extends z.ZodType>(data: T) {
  return z.object({ success: z.literal(true), data });
}

export const PageMeta = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  totalItems: z.number().int(),
  totalPages: z.number().int(),
});
