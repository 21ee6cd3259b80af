import type { FailureCode, StepName } from '#domain/booking.ts';

/**
 * Turns the error a saga step ended with (its `name`, as Step Functions reports it in `Error`)
 * into what the guest is told. Timeouts and Lambda faults are blamed on the step's dependency: the
 * hold's is our storage (a PMS hold that fails ends in a `Pms*` error well before the Task's
 * timeout, its client being bounded by PMS_TIMEOUT_MS), so a hold that outlived its Task during a
 * storage stall answers `503 STORAGE_UNAVAILABLE`, not a 500.
 */
const BY_ERROR: Record<string, FailureCode> = {
  SoldOutError: 'SOLD_OUT',
  PmsRejectedError: 'SOLD_OUT',
  HoldExpiredError: 'HOLD_EXPIRED',
  PaymentDeclinedError: 'PAYMENT_DECLINED',
  PaymentUnavailableError: 'PAYMENT_UNAVAILABLE',
  PaymentStateError: 'PAYMENT_UNAVAILABLE',
  PmsUnavailableError: 'PMS_UNAVAILABLE',
  PmsOutcomeUnknownError: 'PMS_UNAVAILABLE',
  PmsRateLimitedError: 'PMS_UNAVAILABLE',
  PmsAuthError: 'PMS_UNAVAILABLE',
  PmsNotFoundError: 'PMS_UNAVAILABLE',
  StorageUnavailableError: 'STORAGE_UNAVAILABLE',
};

const BY_STEP: Partial<Record<StepName, FailureCode>> = {
  authorize: 'PAYMENT_UNAVAILABLE',
  capture: 'PAYMENT_UNAVAILABLE',
  confirm: 'PMS_UNAVAILABLE',
};

export function failureCodeFor(errorName: string | undefined, failedStep: StepName | undefined): FailureCode {
  if (errorName && BY_ERROR[errorName]) return BY_ERROR[errorName];
  if (errorName === 'States.Timeout' && failedStep === 'hold') return 'STORAGE_UNAVAILABLE';
  if (failedStep && BY_STEP[failedStep]) return BY_STEP[failedStep];
  return 'INTERNAL_ERROR';
}
