import type {
  AuthorizeRequest,
  BookingPayment,
  BookingRefund,
  CaptureRequest,
  FindPaymentsOptions,
  PaymentAuthorization,
  PaymentRefund,
  RefundRequest,
  VoidRequest,
} from '#domain/payment.ts';

/**
 * A card gateway that can hold funds and decide later: authorize when the booking is placed,
 * capture once the PMS confirms, void (or refund) when the saga compensates.
 *
 * Every method is idempotent per booking, purpose and step, because Step Functions may run any step
 * twice (the purpose defaults to `checkout`; a modification's second payment is `modify-<n>`, a
 * cancellation's refund `cancellation`, each with idempotency keys of its own):
 * - `authorize` twice for one booking yields one payment (the same `paymentId`).
 * - `capture` twice captures once; the second call reports `CAPTURED`.
 * - `void` after `void` reports `VOIDED`.
 * - `void` after `capture` does NOT succeed: it throws `PaymentStateError` with reason
 *   `already_captured` (and `currentStatus: 'CAPTURED'`), so the saga sees that money moved and
 *   calls `refund` deliberately. Silently turning a void into a refund would hide a saga bug.
 * - `capture` after `void` throws `PaymentStateError` with reason `already_voided`.
 * - `refund` twice (same `purpose` and `refundKey`, or none) refunds once, even days apart.
 *
 * Failures are domain errors from `#domain/payment-errors.ts`: `PaymentDeclinedError` (final, show
 * the customer), `PaymentUnavailableError` (retry the same call), `PaymentStateError` (compensate),
 * `PaymentConfigError` (our misconfiguration), and `ValidationError` for a malformed request.
 *
 * A call that failed with `PaymentUnavailableError` (a timeout above all) may still have happened.
 * Compensations therefore ask the gateway, not our record: `findForBooking` lists every payment the
 * gateway holds for a booking, whichever step made it and whether or not its answer ever reached
 * us. Void each one that is `AUTHORIZED` (passing its `purpose`), refund what was `CAPTURED` less
 * `amountRefundedMinor`. Calling `authorize` again with the same request also finds a payment whose
 * first attempt reached the gateway (it replays), but creates one if it did not.
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
  /**
   * Every payment the gateway holds for the booking, in any state, oldest first, found from the
   * gateway's own records (the booking id it carries), never from ours. Exact for payments made
   * within the gateway's search lag, however recently (pass the booking's creation as
   * `createdSince` to keep that listing short); older ones come from the gateway's search index,
   * which a long gateway incident can leave behind. Throws `PaymentUnavailableError` rather than
   * answer with a list it knows to be partial.
   */
  findForBooking(bookingId: string, options?: FindPaymentsOptions): Promise<BookingPayment[]>;
  /** Every refund of the payment, newest first, with the purpose and refund key they were made for. */
  listRefunds(paymentId: string): Promise<BookingRefund[]>;
}
