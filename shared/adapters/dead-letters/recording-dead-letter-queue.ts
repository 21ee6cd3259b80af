import { createHash } from 'node:crypto';
import { hotelIdInState, recordOf } from '#domain/dead-letter.ts';
import type { DeadLetter, DeadLetterQueue, DeadLetterStore } from '#ports/dead-letter.port.ts';

/** The booking's hotel, for a letter whose state does not carry it (change sagas, the recovery job). */
export type HotelOfBooking = (bookingId: string) => Promise<string | undefined>;

/**
 * The dead-letter queue the sagas are given (issue 10): records each letter in the table, then
 * sends it to the SQS queue that ops watch. Record first: a letter the console lists is never one
 * that was lost, and if the SQS send then fails the step still fails, so Step Functions (or the
 * recovery job's next run) sends again; the second record of the same letter is the same item
 * (`letterId` is the hash of the booking, reason and state, all of which a retry repeats, while
 * the sender's clock does not), so a retry never lists a letter twice. The API lists the table
 * and never receives from SQS: receiving would hide messages from the alarm's operator.
 */
export class RecordingDeadLetterQueue implements DeadLetterQueue {
  constructor(
    private readonly store: Pick<DeadLetterStore, 'record'>,
    private readonly queue: DeadLetterQueue,
    private readonly hotelOf: HotelOfBooking,
  ) {}

  async send(letter: DeadLetter): Promise<void> {
    const hotelId = hotelIdInState(letter.state) ?? (await this.hotelOf(letter.bookingId));
    await this.store.record(recordOf(letter, { letterId: deadLetterId(letter), ...(hotelId ? { hotelId } : {}) }));
    await this.queue.send(letter);
  }
}

/** The same letter (booking, reason, state) always has the same id, whatever its `at`. */
export function deadLetterId(letter: Pick<DeadLetter, 'bookingId' | 'reason' | 'state'>): string {
  return createHash('sha256')
    .update(canonicalJson({ bookingId: letter.bookingId, reason: letter.reason, state: letter.state }))
    .digest('hex')
    .slice(0, 32);
}

/** JSON with object keys sorted, so the same content hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
