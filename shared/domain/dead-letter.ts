import type { BookingResolution } from './booking.ts';

/**
 * The saga dead letters as the console lists them (issue 10, "Needs attention"). A dead letter is
 * what a saga sends when something could not be undone (`DeadLetterQueue`); each one is also
 * recorded in the table when it is sent, so the API can list them without receiving from SQS
 * (receiving would hide the messages from the alarm's operator). The record is derived here from
 * the letter alone, so every sender (checkout saga, change sagas, recovery job) is described the
 * same way and none of them changes.
 */

/** Which saga sent it: the checkout's, a cancellation or modification (`change`), or the recovery job. */
export type DeadLetterKind = 'checkout' | 'change' | 'recovery';

/** `open` until the booking gets a resolution (retry-compensation RESOLVED, or resolve). */
export type DeadLetterStatus = 'open' | 'resolved';

/** One step that failed, with its error as the saga caught it (name and message, bounded). */
export interface DeadLetterFailure {
  step: string;
  error?: string;
}

export interface RecordedDeadLetter {
  /** Derived from the letter's content: a retried send of the same letter has the same id. */
  letterId: string;
  bookingId: string;
  /** Absent only when the booking could not be found when the letter was sent. */
  hotelId?: string;
  kind: DeadLetterKind;
  /** The change saga's id (`kind: 'change'`). */
  changeId?: string;
  reason: string;
  /** The forward step that failed first, then each compensation that still failed. */
  failures: DeadLetterFailure[];
  /** The saga's state with anything personal or secret left out (`redactState`). */
  state: Record<string, unknown>;
  at: string;
  status: DeadLetterStatus;
  /** How the letter was closed: its booking's resolution, or an admin's on the letter itself. */
  resolution?: DeadLetterResolution;
}

/**
 * How a letter was closed. `retry-compensation` and `resolve`: copied from its booking's resolution
 * (the usual way). `letter`: an admin closed this letter on its own (`resolveDeadLetter`), with a
 * note, because its booking cannot be closed that way (a change saga's letter on a booking that is
 * checked in, checked out or refunded).
 */
export interface DeadLetterResolution {
  via: BookingResolution['via'] | 'letter';
  by: string;
  at: string;
  note?: string;
}

/** Longest error text kept per failure: a Step Functions `Cause` can carry a whole stack. */
export const MAX_FAILURE_TEXT = 500;

/**
 * Keys never kept from a saga state. The states carry ids and amounts only (docs/architecture.md),
 * but the checkout's carries the guest's payment method id, which the admin booking view does not
 * show; the rest are a guard should a later state grow a personal or secret field.
 */
const REDACTED_KEY = /paymentmethod|secret|token|password|apikey|credential|card|email|phone|guestinfo|guestname/i;

/** The state without redacted keys, strings bounded; nested objects and arrays are walked. */
export function redactState(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactState);
  if (typeof value === 'string') return bounded(value, 2000);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !REDACTED_KEY.test(key)).map(([key, v]) => [key, redactState(v)]));
}

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

interface CaughtError {
  Error?: unknown;
  Cause?: unknown;
}

function isCaught(value: unknown): value is CaughtError {
  return typeof value === 'object' && value !== null && ('Error' in value || 'Cause' in value);
}

function errorText(caught: CaughtError): string | undefined {
  const parts = [caught.Error, caught.Cause].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts.length > 0 ? bounded(parts.join(': '), MAX_FAILURE_TEXT) : undefined;
}

/** The kind of saga a letter's state comes from (each sender's state has its own mark). */
export function deadLetterKind(state: Record<string, unknown>): DeadLetterKind {
  if (state.source === 'recovery') return 'recovery';
  if (typeof state.changeId === 'string') return 'change';
  return 'checkout';
}

/**
 * What failed, from the state: the forward step (`failedStep` with `error`) first, then every
 * compensation the state machine's Catch recorded as `<step>Error`. The recovery job's letter has
 * neither: its one failure is the recovery itself.
 */
export function deadLetterFailures(state: Record<string, unknown>): DeadLetterFailure[] {
  const failures: DeadLetterFailure[] = [];
  if (typeof state.failedStep === 'string') {
    const error = isCaught(state.error) ? errorText(state.error) : undefined;
    failures.push({ step: state.failedStep, ...(error ? { error } : {}) });
  }
  for (const [key, value] of Object.entries(state)) {
    const step = /^(.+)Error$/.exec(key)?.[1];
    if (!step || !isCaught(value)) continue;
    const error = errorText(value);
    failures.push({ step, ...(error ? { error } : {}) });
  }
  if (failures.length === 0 && deadLetterKind(state) === 'recovery') failures.push({ step: 'recovery' });
  return failures;
}

/** The hotel a state names, when it carries the booking (the checkout saga's does since it starts). */
export function hotelIdInState(state: Record<string, unknown>): string | undefined {
  const booking = state.booking;
  if (typeof booking === 'object' && booking !== null && 'hotelId' in booking && typeof booking.hotelId === 'string') return booking.hotelId;
  return undefined;
}

/** The record of a letter as sent: open, described from its state, the state redacted. */
export function recordOf(letter: { bookingId: string; reason: string; state: Record<string, unknown>; at: string }, ids: { letterId: string; hotelId?: string }): RecordedDeadLetter {
  const kind = deadLetterKind(letter.state);
  return {
    letterId: ids.letterId,
    bookingId: letter.bookingId,
    ...(ids.hotelId ? { hotelId: ids.hotelId } : {}),
    kind,
    ...(kind === 'change' && typeof letter.state.changeId === 'string' ? { changeId: letter.state.changeId } : {}),
    reason: bounded(letter.reason, MAX_FAILURE_TEXT),
    failures: deadLetterFailures(letter.state),
    state: redactState(letter.state) as Record<string, unknown>,
    at: letter.at,
    status: 'open',
  };
}
