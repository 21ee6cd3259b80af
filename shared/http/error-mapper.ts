import { DomainError } from '#domain/errors.ts';

/**
 * The one place where domain error codes become HTTP statuses. A code missing here is a bug and
 * answers 500, which keeps "5xx means our fault" honest.
 */
const STATUS_BY_CODE: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_ERROR: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYMENT_DECLINED: 402,
  SOLD_OUT: 409,
  PMS_REJECTED: 409,
  PAYMENT_STATE_CONFLICT: 409,
  IMPORT_CONFLICT: 409,
  HOLD_EXPIRED: 410,
  PMS_AUTH_FAILED: 422,
  PMS_NOT_FOUND: 422,
  PMS_UNAVAILABLE: 503,
  PMS_RATE_LIMITED: 503,
  PAYMENT_UNAVAILABLE: 503,
  STORAGE_CONTENTION: 503,
  WEBHOOK_SIGNATURE_INVALID: 401,
  PAYLOAD_TOO_LARGE: 413,
  WEBHOOK_QUEUE_UNAVAILABLE: 503,
};

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
    if (statusCode !== undefined) {
      return {
        statusCode,
        unexpected: false,
        body: {
          success: false,
          error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) },
          requestId,
        },
      };
    }
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
