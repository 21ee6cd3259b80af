import { expect } from 'vitest';
import { handler as checkout } from '../../functions/booking/checkout.ts';
import { handler as adminGetBooking } from '../../functions/admin/get-booking.ts';
import { keptOf } from '../../shared/domain/booking.ts';
import { routes } from '../../shared/http/route-table.ts';
import { httpEvent, invoke } from './events.ts';
import type { SagaHarness } from './saga-harness.ts';

/**
 * What the lifecycle tests share: booking through the real checkout, the guest's and the admin's
 * tokens, and the money invariant against the payment simulator.
 */
export const ADMIN = { sub: 'admin-1', 'cognito:groups': '[admin]' };
export const GUEST_EMAIL = 'jiwoo@example.com';
export const GUEST = { sub: 'guest-1', email: GUEST_EMAIL, email_verified: 'true', 'cognito:groups': '[guest]' };

let seq = 0;
export const nextKey = (prefix = 'k') => `${prefix}-${Date.now().toString(36)}-${++seq}`;

/** Books through `POST /api/booking/checkout` and expects it confirmed; returns the booking id. */
export async function book(body: Record<string, unknown>): Promise<string> {
  const res = await invoke(
    checkout,
    httpEvent(routes.checkout, {
      headers: { 'idempotency-key': nextKey('checkout') },
      body: {
        rooms: 1,
        guests: 2,
        guestInfo: { firstName: 'Ji-woo', lastName: 'Park', email: GUEST_EMAIL, phone: '+82 10 1234 5678' },
        payment: { paymentMethodId: 'pm_card_visa' },
        ...body,
      },
    }),
  );
  expect(res.statusCode, JSON.stringify(res.body)).toBe(201);
  return res.body.data.bookingId as string;
}

/** The admin's view of a booking (every field, the timeline). */
export async function adminView(bookingId: string) {
  return (await invoke(adminGetBooking, httpEvent(routes.adminGetBooking, { params: { bookingId }, claims: ADMIN }))).body.data;
}

/**
 * The payment simulator's ledger of a booking against what the booking says it kept: captured
 * minus refunded there equals `keptOf(booking)` here, and no authorization is left open.
 */
export async function assertPaymentLedger(h: SagaHarness, bookingId: string): Promise<{ capturedMinor: number; refundedMinor: number; netMinor: number }> {
  await h.aws.idle();
  const intents = h.stripe.state.intentsForBooking(bookingId);
  const ids = new Set(intents.map((i) => i.id));
  const capturedMinor = intents.filter((i) => i.status === 'succeeded').reduce((sum, i) => sum + i.amount_received, 0);
  const refundedMinor = h.stripe.state
    .refunds()
    .filter((r) => ids.has(r.payment_intent) && r.status === 'succeeded')
    .reduce((sum, r) => sum + r.amount, 0);
  const booking = await h.container.bookings.get(bookingId);
  expect({ bookingId, open: intents.filter((i) => i.status === 'requires_capture').map((i) => i.id) }).toEqual({ bookingId, open: [] });
  expect({ bookingId, net: capturedMinor - refundedMinor }).toEqual({ bookingId, net: keptOf(booking!) });
  expect({ bookingId, refunded: refundedMinor }).toEqual({ bookingId, refunded: booking!.payment.refundedMinor ?? 0 });
  return { capturedMinor, refundedMinor, netMinor: capturedMinor - refundedMinor };
}
