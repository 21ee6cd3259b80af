import type { DeadLetterResolution, DeadLetterStatus, RecordedDeadLetter } from '#domain/dead-letter.ts';
import type { KeysetPage, PagePosition } from './pagination.ts';

/** Where the saga's state goes when a compensation could not finish: a person must look at it. */
export interface DeadLetter {
  bookingId: string;
  reason: string;
  state: Record<string, unknown>;
  at: string;
}

export interface DeadLetterQueue {
  send(letter: DeadLetter): Promise<void>;
}

export type { DeadLetterResolution } from '#domain/dead-letter.ts';

/**
 * The dead letters as recorded in the table (issue 10): what the console lists instead of
 * receiving from the SQS queue, which stays the alarm's and its operator's.
 */
export interface DeadLetterStore {
  /** Records a letter as open, once: recording the same `letterId` again changes nothing (a retried send). */
  record(letter: RecordedDeadLetter): Promise<void>;
  /** One status's letters, newest first. */
  list(query: { status: DeadLetterStatus; limit: number; after?: PagePosition }): Promise<KeysetPage<RecordedDeadLetter>>;
  /** Marks every open letter of the booking resolved; idempotent. Returns how many it changed. */
  resolveForBooking(bookingId: string, resolution: DeadLetterResolution): Promise<number>;
  get(bookingId: string, letterId: string): Promise<RecordedDeadLetter | undefined>;
  /**
   * Marks one letter (as read: its `at` places it in the lists) resolved if it is still open;
   * `false` when it was not (resolved meanwhile: the first resolution stands).
   */
  resolve(letter: Pick<RecordedDeadLetter, 'bookingId' | 'letterId' | 'at'>, resolution: DeadLetterResolution): Promise<boolean>;
}
