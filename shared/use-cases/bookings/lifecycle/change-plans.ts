import type { BookingChangeKind, BookingStatus, BookingStay, ChangeActor, PlannedRefund, StepName } from '#domain/booking.ts';
import type { PaymentPurpose } from '#domain/payment.ts';

/**
 * What a cancellation or modification saga is asked to do, decided once when the change starts
 * (from the booking's terms, its payments and the clock) and carried in the execution's input: a
 * retried step never decides again, so it sends the gateway and the PMS the same requests. Ids
 * and amounts only; personal data stays on the booking item.
 */

/** The cancellation saga's plan: a guest or hotel cancellation, a no-show, or a refund owed. */
export interface CancellationPlan {
  kind: Exclude<BookingChangeKind, 'modify'>;
  by: ChangeActor;
  /** For a no-show: who found it (an admin, the no-show job). */
  source?: 'admin' | 'job';
  /** Cancel the reservation in the PMS first (a cancellation; not a no-show, not a refund owed). */
  cancelInPms: boolean;
  /** Give the nights back (a cancellation and a no-show; the hotel already did for a refund owed). */
  releaseStay: boolean;
  /** The status the stay ends in (`CANCELLED`, `NO_SHOW`); absent for a refund owed. */
  toStatus?: Extract<BookingStatus, 'CANCELLED' | 'NO_SHOW'>;
  refundMinor: number;
  feeMinor: number;
  currency: string;
  /** The refunds, payment by payment (`planRefunds`). */
  refunds: PlannedRefund[];
  purpose: Extract<PaymentPurpose, 'cancellation' | 'no-show'>;
}

/** The modification saga's plan. */
export interface ModificationPlan {
  /** The whole new stay. */
  stay: BookingStay;
  /** The PMS's id of the new room type (ours when the hotel has no PMS). */
  pmsRoomTypeId: string;
  guests: number;
  /** The new price of the whole stay, from current rates, and what one room costs each night. */
  totalMinor: number;
  nightlyPrices: { date: string; priceMinor: number }[];
  currency: string;
  /** The price difference to charge (authorize + capture, purpose `modify-<n>`), or 0. */
  chargeMinor: number;
  /** What a cheaper stay gives back under the terms, payment by payment, and what the terms keep. */
  refundMinor: number;
  feeMinor: number;
  refunds: PlannedRefund[];
  /** `modify-<n>`: the gateway's purpose, and the move's id on the hold. */
  purpose: PaymentPurpose;
  /** The stay before, to revert the PMS to if the change is undone. */
  previous: BookingStay & { pmsRoomTypeId: string; guests: number; totalMinor: number };
}

/** What Step Functions puts in a Catch's ResultPath: the error's name and its message. */
export interface SagaError {
  Error?: string;
  Cause?: string;
}

/** The state a lifecycle saga passes from task to task. */
export interface ChangeSagaState<P = CancellationPlan | ModificationPlan> {
  bookingId: string;
  changeId: string;
  plan: P;
  /** Set by AuthorizeDifference (its ResultPath). */
  charge?: { paymentId: string } | null;
  /** Set by VerifyPmsCancellation. */
  pmsState?: { cancelled: boolean };
  failedStep?: StepName;
  error?: SagaError;
  /** Set by the Catch of a compensation that still failed after its retries. */
  revertPmsError?: SagaError;
  voidError?: SagaError;
  releaseError?: SagaError;
  verifyError?: SagaError;
  abandonError?: SagaError;
  settleError?: SagaError;
  markFailedError?: SagaError;
}

export type CancellationState = ChangeSagaState<CancellationPlan>;
export type ModificationState = ChangeSagaState<ModificationPlan>;

/** The compensations and final steps whose failure a saga escalates, by state field. */
export const FAILED_STEP_FIELDS = ['revertPmsError', 'voidError', 'releaseError', 'verifyError', 'abandonError', 'settleError', 'markFailedError'] as const;

/** The steps that failed, by name, for the dead letter and the admin. */
export function failedSteps(state: ChangeSagaState): string[] {
  return [
    ...(state.failedStep ? [state.failedStep] : []),
    ...FAILED_STEP_FIELDS.filter((field) => state[field] !== undefined).map((field) => field.replace(/Error$/, '')),
  ];
}

/** The execution name of a change: the machine's prefix and the SHA-256 of the request's Idempotency-Key. */
export function changeExecutionName(kind: 'cancel' | 'modify' | 'noshow' | 'refund', keyHash: string): string {
  return `${kind}-${keyHash.slice(0, 64)}`;
}
