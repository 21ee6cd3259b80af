import type {
  AuthorizeRequest,
  CaptureRequest,
  PaymentAuthorization,
  PaymentRefund,
  RefundRequest,
  VoidRequest,
} from '#domain/payment.ts';

/**
 * A card gateway that can hold funds and decide later: authorize when the booking is placed,
 * capture once the PMS confirms, void (or refund) when the saga compensates.
 *
 * Every method is idempotent per booking and step, because Step Functions may run any step twice:
 * - `authorize` twice for one booking yields one payment (the same `paymentId`).
 * - `capture` twice captures once; the second call reports `CAPTURED`.
 * - `void` after `void` reports `VOIDED`.
 * - `void` after `capture` does NOT succeed: it throws `PaymentStateError` with reason
 *   `already_captured` (and `currentStatus: 'CAPTURED'`), so the saga sees that money moved and
 *   calls `refund` deliberately. Silently turning a void into a refund would hide a saga bug.
 * - `capture` after `void` throws `PaymentStateError` with reason `already_voided`.
 * - `refund` twice (same `refundKey`, or none) refunds once.
 *
 * Failures are domain errors from `#domain/payment-errors.ts`: `PaymentDeclinedError` (final, show
 * the customer), `PaymentUnavailableError` (retry the same call), `PaymentStateError` (compensate),
 * `PaymentConfigError` (our misconfiguration), and `ValidationError` for a malformed request.
 *
 * If an `authorize` failed with `PaymentUnavailableError` and the saga must compensate, call
 * `authorize` again with the same request first: it returns the payment if the first attempt did
 * reach the gateway (or creates it), and that payment can then be voided.
 */
export interface PaymentGateway {
  /** Holds `amountMinor` on the payment method (manual capture). Returns status `AUTHORIZED`. */
  authorize(req: AuthorizeRequest): Promise<PaymentAuthorization>;
  /** Moves held money (all of it, or `amountMinor`). Returns status `CAPTURED`. */
  capture(req: CaptureRequest): Promise<PaymentAuthorization>;
  /** Releases a hold that was not captured. Returns status `VOIDED`. */
  void(req: VoidRequest): Promise<PaymentAuthorization>;
  /** Gives captured money back (all that is left, or `amountMinor`). */
  refund(req: RefundRequest): Promise<PaymentRefund>;
  /** The payment as the gateway sees it now; `PaymentStateError('payment_not_found')` if unknown. */
  get(paymentId: string): Promise<PaymentAuthorization>;
}
