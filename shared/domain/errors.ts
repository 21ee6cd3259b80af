/**
 * Every stable error code the API can answer with. A new domain error must add its code here, and
 * `shared/http/error-mapper.ts` maps this union exhaustively, so `tsc` refuses an unmapped code
 * instead of letting it fall through to a 500.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'BAD_CURSOR'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION_ERROR'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PAYMENT_DECLINED'
  | 'SOLD_OUT'
  | 'MIN_STAY'
  | 'MAX_STAY'
  | 'CLOSED_TO_ARRIVAL'
  | 'CLOSED_TO_DEPARTURE'
  | 'STOP_SELL'
  | 'OUTSIDE_BOOKING_WINDOW'
  | 'HOTEL_INACTIVE'
  | 'PMS_MANAGED'
  | 'PRECONDITION_FAILED'
  | 'ALREADY_EXISTS'
  | 'HAS_FUTURE_BOOKINGS'
  | 'PMS_REJECTED'
  | 'PAYMENT_STATE_CONFLICT'
  | 'IMPORT_CONFLICT'
  | 'BOOKING_NOT_IN_ATTENTION'
  | 'LETTER_CLOSES_WITH_BOOKING'
  | 'HOLD_EXPIRED'
  | 'PMS_AUTH_FAILED'
  | 'PMS_NOT_FOUND'
  | 'PMS_UNAVAILABLE'
  | 'PMS_RATE_LIMITED'
  | 'PMS_HOST_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'PMS_POLL_SETUP'
  | 'PAYMENT_UNAVAILABLE'
  | 'PAYMENT_CONFIG_ERROR'
  | 'STORAGE_CONTENTION'
  | 'STORAGE_UNAVAILABLE'
  | 'TIMED_OUT'
  | 'WEBHOOK_SIGNATURE_INVALID'
  | 'WEBHOOK_EVENT_REJECTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'WEBHOOK_QUEUE_UNAVAILABLE'
  | 'INVALID_TRANSITION'
  | 'SAME_DAY_CUTOFF'
  | 'CHANGE_IN_PROGRESS'
  | 'NOTHING_TO_CHANGE'
  | 'ROOM_NUMBER_TAKEN'
  | 'ROOM_UNAVAILABLE'
  | 'ROOM_IN_USE'
  | 'BOOKING_NOT_ASSIGNABLE'
  | 'INTERNAL_ERROR';

/**
 * Domain errors. Each one carries a stable `code` that clients can switch on; the HTTP status is
 * decided in one place only (`shared/http/error-mapper.ts`), so the domain never speaks HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(message: string, options?: ErrorOptions & { details?: unknown }) {
    super(message, options);
    this.details = options?.details;
  }
}

/** One field that failed validation, in the shape every 4xx `details` uses. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** The request was understood but its values are not acceptable (422). */
export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';
  readonly code = 'VALIDATION_ERROR';
  constructor(message: string, issues: FieldIssue[] = [], options?: ErrorOptions) {
    super(message, { ...options, details: issues.length > 0 ? issues : undefined });
  }
}

/** The request could not be read at all: malformed JSON, wrong content type (400). */
export class BadRequestError extends DomainError {
  override readonly name = 'BadRequestError';
  readonly code = 'BAD_REQUEST';
}

/**
 * A pagination cursor this API did not hand out, or handed out for another list or other filters
 * (400): cursors are sealed (`shared/http/cursor.ts`), so a changed one cannot be read at all.
 */
export class BadCursorError extends DomainError {
  override readonly name = 'BadCursorError';
  readonly code = 'BAD_CURSOR';
  constructor(options?: ErrorOptions) {
    super('The cursor is not one this list handed out for these filters. Start again without a cursor.', {
      ...options,
      details: [{ field: 'query.cursor', message: 'is not a cursor from this list and these filters' }],
    });
  }
}

/** A referenced entity does not exist (404). */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
  constructor(entity: string, id: string, options?: ErrorOptions) {
    super(`${entity} '${id}' was not found`, options);
  }
}

/** No valid credentials were presented (401). */
export class UnauthorizedError extends DomainError {
  override readonly name = 'UnauthorizedError';
  readonly code = 'UNAUTHORIZED';
}

/** Valid credentials, but not allowed to do this (403). */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';
}
