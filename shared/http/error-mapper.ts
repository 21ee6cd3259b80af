import { DomainError, type ErrorCode } from '#domain/errors.ts';

/**
 * The one place where domain error codes become HTTP statuses. The table is keyed by the
 * `ErrorCode` union, so a code without a status does not compile.
 */
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  BAD_CURSOR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_ERROR: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYMENT_DECLINED: 402,
  SOLD_OUT: 409,
  MIN_STAY: 422,
  MAX_STAY: 422,
  CLOSED_TO_ARRIVAL: 422,
  CLOSED_TO_DEPARTURE: 422,
  STOP_SELL: 422,
  OUTSIDE_BOOKING_WINDOW: 422,
  HOTEL_INACTIVE: 422,
  PMS_MANAGED: 409,
  PRECONDITION_FAILED: 412,
  ALREADY_EXISTS: 409,
  HAS_FUTURE_BOOKINGS: 409,
  PMS_REJECTED: 409,
  PAYMENT_STATE_CONFLICT: 409,
  IMPORT_CONFLICT: 409,
  BOOKING_NOT_IN_ATTENTION: 409,
  LETTER_CLOSES_WITH_BOOKING: 409,
  HOLD_EXPIRED: 410,
  PMS_AUTH_FAILED: 422,
  PMS_NOT_FOUND: 422,
  PMS_UNAVAILABLE: 503,
  PMS_RATE_LIMITED: 503,
  PMS_HOST_NOT_ALLOWED: 422,
  // Answered at the edge (WAF on AWS, the API Gateway emulator locally), never by a handler: listed
  // so the code has its status in the one table (shared/http/rate-limits.ts).
  RATE_LIMITED: 429,
  PAYMENT_UNAVAILABLE: 503,
  STORAGE_CONTENTION: 503,
  STORAGE_UNAVAILABLE: 503,
  // The request ran out of time before anything was stored (after that, the checkout answers 202).
  TIMED_OUT: 503,
  WEBHOOK_SIGNATURE_INVALID: 401,
  PAYLOAD_TOO_LARGE: 413,
  WEBHOOK_QUEUE_UNAVAILABLE: 503,
  ROOM_NUMBER_TAKEN: 409,
  ROOM_UNAVAILABLE: 409,
  ROOM_IN_USE: 409,
  BOOKING_NOT_ASSIGNABLE: 409,
  // A stored webhook event that can never apply; only the queue consumer sees it, never a client.
  WEBHOOK_EVENT_REJECTED: 422,
  INVALID_TRANSITION: 409,
  SAME_DAY_CUTOFF: 422,
  CHANGE_IN_PROGRESS: 409,
  NOTHING_TO_CHANGE: 422,
  // Our own misconfiguration (Stripe key, poll set-up): a 5xx that carries its code.
  PAYMENT_CONFIG_ERROR: 500,
  PMS_POLL_SETUP: 500,
  INTERNAL_ERROR: 500,
};

/** The HTTP status of a code: the OpenAPI document groups each route's codes by it. */
export function statusOfCode(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

export interface ErrorBody {
  success: false;
  error: { code: string; message: string; details?: unknown };
  requestId: string;
}

export interface MappedError {
  statusCode: number;
  body: ErrorBody;
  /** True when the error is ours (5xx) and should be logged as an error with its stack. */
  unexpected: boolean;
}

export function mapError(error: unknown, requestId: string): MappedError {
  if (error instanceof DomainError) {
    const statusCode = STATUS_BY_CODE[error.code];
    return {
      statusCode,
      unexpected: statusCode >= 500 && statusCode !== 503,
      body: {
        success: false,
        error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) },
        requestId,
      },
    };
  }
  return {
    statusCode: 500,
    unexpected: true,
    body: {
      success: false,
      error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side. Try again later.' },
      requestId,
    },
  };
}
