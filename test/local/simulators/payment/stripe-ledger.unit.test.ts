import { describe, expect, it } from 'vitest';
import { bookingLedger, bookingLedgers } from '../../../../local/simulators/payment/stripe-ledger.ts';
import type { SimCharge, SimPaymentIntent, SimRefund } from '../../../../local/simulators/payment/stripe-simulator.ts';

/** Just enough of a simulator's state to compute ledgers from: no server. */
function intent(id: string, fields: Partial<SimPaymentIntent>): SimPaymentIntent {
  return {
    id,
    object: 'payment_intent',
    amount: 10_000,
    amount_capturable: 0,
    amount_received: 0,
    currency: 'usd',
    status: 'requires_capture',
    capture_method: 'manual',
    confirmation_method: 'automatic',
    client_secret: `${id}_secret`,
    payment_method: 'pm_card_visa',
    payment_method_types: ['card'],
    metadata: {},
    description: null,
    receipt_email: null,
    latest_charge: `ch_${id}`,
    last_payment_error: null,
    cancellation_reason: null,
    canceled_at: null,
    created: 1,
    livemode: false,
    ...fields,
  };
}

function refund(id: string, paymentIntent: string, amount: number): SimRefund {
  return { id, object: 'refund', amount, currency: 'usd', charge: `ch_${paymentIntent}`, payment_intent: paymentIntent, reason: null, metadata: {}, status: 'succeeded', created: 1 };
}

function source(intents: SimPaymentIntent[], refunds: SimRefund[] = []) {
  const charges = new Map<string, SimCharge>();
  for (const i of intents) {
    // Declined intents keep a charge id but the simulator stores no charge for them.
    if (i.status !== 'requires_payment_method' && i.latest_charge) {
      charges.set(i.latest_charge, { id: i.latest_charge, paymentIntentId: i.id, amountCaptured: i.amount_received, amountRefunded: 0 });
    }
  }
  return { intents: new Map(intents.map((i) => [i.id, i])), charges, refunds: new Map(refunds.map((r) => [r.id, r])) };
}

describe('bookingLedger', () => {
  it('adds up what was held, captured, refunded and released, per booking', () => {
    // Prepare: one booking with a partial capture (6,000 of 10,000), a refund of 1,000, a voided
    // modification payment, a declined attempt, and an open one; another booking alongside.
    const state = source(
      [
        intent('pi_1', { metadata: { bookingId: 'bk_1' }, status: 'succeeded', amount_received: 6_000 }),
        intent('pi_2', { metadata: { bookingId: 'bk_1' }, status: 'canceled', amount: 3_000 }),
        intent('pi_3', { metadata: { bookingId: 'bk_1' }, status: 'requires_payment_method', amount: 5_000 }),
        intent('pi_4', { metadata: { bookingId: 'bk_1' }, status: 'requires_capture', amount: 2_000 }),
        intent('pi_5', { metadata: { bookingId: 'bk_2' }, status: 'succeeded', amount_received: 10_000 }),
        intent('pi_6', { metadata: {} }),
      ],
      [refund('re_1', 'pi_1', 1_000), refund('re_2', 'pi_5', 10_000)],
    );

    // Act
    const ledger = bookingLedger(state, 'bk_1');

    // Assess
    expect(ledger).toEqual({
      bookingId: 'bk_1',
      currency: 'USD',
      authorizedMinor: 15_000,
      capturedMinor: 6_000,
      refundedMinor: 1_000,
      voidedMinor: 7_000,
      heldMinor: 2_000,
      netMinor: 5_000,
      openPaymentIds: ['pi_4'],
      paymentIds: ['pi_1', 'pi_2', 'pi_3', 'pi_4'],
    });
    expect(ledger.authorizedMinor).toBe(ledger.capturedMinor + ledger.voidedMinor + ledger.heldMinor);
  });

  it('lists every booking that has payments, and answers zeros for one it never saw', () => {
    const state = source([intent('pi_1', { metadata: { bookingId: 'bk_1' } }), intent('pi_2', { metadata: { bookingId: 'bk_2' } })]);
    expect([...bookingLedgers(state).keys()]).toEqual(['bk_1', 'bk_2']);
    expect(bookingLedger(state, 'bk_none')).toMatchObject({ authorizedMinor: 0, currency: null, paymentIds: [] });
  });
});
