import type { PlannedRefund } from '#domain/booking.ts';
import type { PaymentPurpose } from '#domain/payment.ts';
import type { PaymentGateway } from '#ports/payment-gateway.port.ts';

/** A refund the gateway accepted but has not settled: the state machine waits and asks again. */
export class RefundPendingError extends Error {
  override readonly name = 'RefundPendingError';
}

/** The gateway refused a refund outright: money is owed and a person must look (escalated). */
export class RefundFailedError extends Error {
  override readonly name = 'RefundFailedError';
}

/**
 * Makes each planned refund: its own idempotency key per booking, purpose and payment
 * (`refundKey` = the payment id), so a step that runs again replays the gateway's first answer
 * instead of refunding twice, and two payments of one booking never share a key.
 */
export async function makeRefunds(deps: { payments: Pick<PaymentGateway, 'refund'> }, bookingId: string, refunds: readonly PlannedRefund[], purpose: PaymentPurpose): Promise<void> {
  for (const planned of refunds) {
    const refund = await deps.payments.refund({
      bookingId,
      paymentId: planned.paymentId,
      amountMinor: planned.amountMinor,
      purpose,
      refundKey: planned.paymentId,
      reason: 'requested_by_customer',
    });
    if (refund.status === 'PENDING') throw new RefundPendingError(`Refund ${refund.refundId} of booking ${bookingId} is not settled yet`);
    if (refund.status === 'FAILED') throw new RefundFailedError(`Refund ${refund.refundId} of booking ${bookingId} failed at the gateway`);
  }
}
