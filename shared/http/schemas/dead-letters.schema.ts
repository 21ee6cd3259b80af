import * as z from 'zod';
import { queryInt, safeText } from './common.schema.ts';

export const DeadLettersQuery = z.object({
  status: z.enum(['open', 'resolved']).default('open').meta({ description: 'open: the booking is not resolved yet; resolved: its booking got a resolution.' }),
  limit: queryInt({ min: 1, max: 100, default: 20 }),
  cursor: z.string().max(2048).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});

export const DeadLetterDto = z
  .object({
    letterId: z.string().meta({ description: 'Derived from the letter: a retried send is the same letter.' }),
    bookingId: z.string(),
    hotelId: z.string().optional().meta({ description: 'Absent only if the booking could not be read when the letter was sent.' }),
    kind: z.enum(['checkout', 'change', 'recovery']).meta({ description: 'The saga that sent it: the checkout, a cancellation or modification, or the recovery job.' }),
    changeId: z.string().optional(),
    reason: z.string(),
    failures: z
      .array(z.object({ step: z.string(), error: z.string().optional() }))
      .meta({ description: 'The forward step that failed, then every compensation that still failed, with their errors (bounded).' }),
    state: z
      .record(z.string(), z.unknown())
      .meta({ description: "The saga's state as sent (ids and amounts), without the payment method or anything personal." }),
    at: z.string().meta({ description: 'When the letter was sent.' }),
    status: z.enum(['open', 'resolved']),
    resolution: z
      .object({
        via: z.enum(['retry-compensation', 'resolve', 'letter']),
        by: z.string(),
        at: z.string(),
        note: z.string().optional().meta({ description: 'The admin\'s note, when the letter was closed on its own (`via: letter`).' }),
      })
      .optional()
      .meta({ description: "What closed the letter: its booking's resolution, or an admin closing this letter on its own (`letter`)." }),
  })
  .meta({ id: 'DeadLetter' });

export const DeadLetterParams = z.object({ bookingId: z.string().min(1).max(64), letterId: z.string().min(1).max(128) });

export const ResolveDeadLetterBody = z.object({ note: safeText({ max: 1000, multiline: true }) }).strict();

export const ResolveDeadLetterResponse = z.object({
  success: z.literal(true),
  data: z.object({
    outcome: z.enum(['RESOLVED', 'ALREADY_RESOLVED']).meta({ description: 'ALREADY_RESOLVED: it was closed before, and that resolution stands.' }),
    letter: DeadLetterDto,
  }),
});

export const DeadLettersResponse = z.object({ success: z.literal(true), data: z.array(DeadLetterDto), nextCursor: z.string().optional() });
