import type * as z from 'zod';
import type { RecordedDeadLetter } from '#domain/dead-letter.ts';
import type { DeadLetterDto } from '../schemas/dead-letters.schema.ts';

/** A recorded dead letter as admins see it, field by field (an allow-list). */
export function presentDeadLetter(letter: RecordedDeadLetter): z.infer<typeof DeadLetterDto> {
  return {
    letterId: letter.letterId,
    bookingId: letter.bookingId,
    ...(letter.hotelId ? { hotelId: letter.hotelId } : {}),
    kind: letter.kind,
    ...(letter.changeId ? { changeId: letter.changeId } : {}),
    reason: letter.reason,
    failures: letter.failures.map((f) => ({ step: f.step, ...(f.error !== undefined ? { error: f.error } : {}) })),
    state: letter.state,
    at: letter.at,
    status: letter.status,
    ...(letter.resolution
      ? { resolution: { via: letter.resolution.via, by: letter.resolution.by, at: letter.resolution.at, ...(letter.resolution.note !== undefined ? { note: letter.resolution.note } : {}) } }
      : {}),
  };
}
