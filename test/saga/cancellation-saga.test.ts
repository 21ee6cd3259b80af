import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as cancelBooking } from '../../functions/bookings/cancel-booking.ts';
import { handler as cancellationQuote } from '../../functions/bookings/cancellation-quote.ts';
import { handler as adminCancel } from '../../functions/admin/bookings/cancel-booking.ts';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import { routes } from '../../shared/http/route-table.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../support/fixtures.ts';
import { ADMIN, adminView, assertPaymentLedger, book, GUEST, nextKey } from '../support/lifecycle.ts';
import { startPmsSimulator } from '../../local/simulators/pms/pms-simulator.ts';
import { assertInventoryInvariant, connectToSimulatedPms, startSagaHarness, type SagaHarness } from '../support/saga-harness.ts';

/** Seoul (KRW) and New York (USD) hotels, each with a refundable plan: free until 48 h before check-in, then 30% kept. */
const SEOUL = { hotelId: 'htl_cx_seoul', roomTypeId: 'rt_std', zone: 'Asia/Seoul', currency: 'KRW', price: 100_000 };
const NYC = { hotelId: 'htl_cx_nyc', roomTypeId: 'rt_std', zone: 'America/New_York', currency: 'USD', price: 12_345 };
const seoulStart = addDays(todayIn(SEOUL.zone), 20);
const nycStart = addDays(todayIn(NYC.zone), 20);

function cancel(bookingId: string, key = nextKey('cancel'), claims: Record<string, unknown> = GUEST) {
  return invoke(cancelBooking, httpEvent(routes.cancelBooking, { params: { bookingId }, headers: { 'idempotency-key': key }, claims }));
}

describe('cancellation saga against DynamoDB Local, the Stripe simulator and the local state machine', () => {
  let h: SagaHarness;

  beforeAll(async () => {
    h = await startSagaHarness();
    for (const [target, start] of [[SEOUL, seoulStart], [NYC, nycStart]] as const) {
      await h.container.catalog.putHotel(aHotel({ hotelId: target.hotelId, timeZone: target.zone, currency: target.currency }));
      await h.container.catalog.putRoomType(aRoomType({ hotelId: target.hotelId, roomTypeId: target.roomTypeId }));
      await h.container.catalog.putRatePlan(
        aRatePlan({ hotelId: target.hotelId, roomTypeId: target.roomTypeId, ratePlanId: 'rp_flex', currency: target.currency, isRefundable: true, cancellationHours: 48, cancellationFeePercent: 30 }),
      );
      await h.container.catalog.putRatePlan(aRatePlan({ hotelId: target.hotelId, roomTypeId: target.roomTypeId, ratePlanId: 'rp_saver', currency: target.currency, isRefundable: false }));
      await h.container.inventory.createNights(nights(target.hotelId, target.roomTypeId, addDays(start, -20), addDays(start, 30), 5, target.price, target.currency));
    }
  });
  afterAll(async () => h.stop());
  beforeEach(() => h.faults.clear());
  afterEach(async () => assertInventoryInvariant(h));

  it('inside the free window: quotes and refunds everything (KRW), CANCELLED then REFUNDED, nights back through the ledger', async () => {
    const bookingId = await book({ hotelId: SEOUL.hotelId, roomTypeId: SEOUL.roomTypeId, checkIn: seoulStart, checkOut: addDays(seoulStart, 3) });
    const [before] = await h.container.inventory.getNights(SEOUL.hotelId, SEOUL.roomTypeId, seoulStart, seoulStart);

    const quote = await invoke(cancellationQuote, httpEvent(routes.cancellationQuote, { params: { bookingId }, claims: GUEST }));
    const res = await cancel(bookingId);

    expect(quote.body.data).toMatchObject({ refundAmount: 300_000, feeAmount: 0, currency: 'KRW' });
    expect(res.statusCode).toBe(200);
    expect(res.body.data).toEqual({ bookingId, changeId: 'cancel', status: 'REFUNDED', refundAmount: 300_000, feeAmount: 0, currency: 'KRW' });
    const booking = await adminView(bookingId);
    expect(booking).toMatchObject({ status: 'REFUNDED', payment: { refundedAmount: 300_000 }, cancellation: { by: 'guest', refundAmount: 300_000, feeAmount: 0 } });
    expect(booking.changes).toEqual([expect.objectContaining({ changeId: 'cancel', outcome: 'SUCCEEDED', refundedAmount: 300_000 })]);
    const [after] = await h.container.inventory.getNights(SEOUL.hotelId, SEOUL.roomTypeId, seoulStart, seoulStart);
    expect(after!.reserved).toBe(before!.reserved - 1);
    expect(await assertPaymentLedger(h, bookingId)).toEqual({ capturedMinor: 300_000, refundedMinor: 300_000, netMinor: 0 });
    await h.aws.idle();
    const types = h.aws.eventBus.events.filter((e) => (e.detail as { bookingId?: string }).bookingId === bookingId).map((e) => e['detail-type']);
    expect(types).toEqual(expect.arrayContaining(['booking.confirmed', 'booking.cancelled', 'booking.refunded']));
    const cancelled = h.aws.eventBus.events.find((e) => e['detail-type'] === 'booking.cancelled' && (e.detail as { bookingId: string }).bookingId === bookingId);
    expect(cancelled?.detail).toMatchObject({ version: 1, bookingId, by: 'guest', refundMinor: 300_000, feeMinor: 0, currency: 'KRW' });
    expect(JSON.stringify(cancelled?.detail)).not.toContain('@');
  });

  it('outside the free window: keeps 30% (USD, exact in cents)', async () => {
    // Check-in tomorrow in New York: the 48-hour window has already closed.
    const soon = addDays(todayIn(NYC.zone), 1);
    const bookingId = await book({ hotelId: NYC.hotelId, roomTypeId: NYC.roomTypeId, checkIn: soon, checkOut: addDays(soon, 3) });
    const res = await cancel(bookingId);
    // 3 nights x 123.45 = 370.35; 30% = 111.105 -> 111.10 kept, 259.25 back.
    expect(res.body.data).toMatchObject({ status: 'REFUNDED', refundAmount: 259.25, feeAmount: 111.1, currency: 'USD' });
    expect(await assertPaymentLedger(h, bookingId)).toEqual({ capturedMinor: 37_035, refundedMinor: 25_925, netMinor: 11_110 });
  });

  it('a non-refundable rate keeps everything: CANCELLED, no refund', async () => {
    const bookingId = await book({ hotelId: SEOUL.hotelId, roomTypeId: SEOUL.roomTypeId, ratePlanId: 'rp_saver', checkIn: addDays(seoulStart, 4), checkOut: addDays(seoulStart, 5) });
    const res = await cancel(bookingId);
    expect(res.body.data).toMatchObject({ status: 'CANCELLED', refundAmount: 0, feeAmount: 100_000 });
    expect(await assertPaymentLedger(h, bookingId)).toEqual({ capturedMinor: 100_000, refundedMinor: 0, netMinor: 100_000 });
  });

  it('the hotel cancels (admin): everything back whatever the terms', async () => {
    const bookingId = await book({ hotelId: SEOUL.hotelId, roomTypeId: SEOUL.roomTypeId, ratePlanId: 'rp_saver', checkIn: addDays(seoulStart, 6), checkOut: addDays(seoulStart, 8) });
    const res = await invoke(adminCancel, httpEvent(routes.adminCancelBooking, { params: { bookingId }, claims: ADMIN }));
    expect(res.body.data).toMatchObject({ status: 'REFUNDED', refundAmount: 200_000, feeAmount: 0 });
    expect((await adminView(bookingId)).cancellation.by).toBe('hotel');
    await assertPaymentLedger(h, bookingId);
  });

  it('refuses a second cancellation with 409 INVALID_TRANSITION naming from and to, writing nothing', async () => {
    const bookingId = await book({ hotelId: SEOUL.hotelId, roomTypeId: SEOUL.roomTypeId, checkIn: addDays(seoulStart, 9), checkOut: addDays(seoulStart, 10) });
    await cancel(bookingId);
    const before = await adminView(bookingId);
    const again = await cancel(bookingId);
    expect(again.statusCode).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'REFUNDED', to: 'CANCELLED', action: 'cancel' } });
    expect((await adminView(bookingId)).updatedAt).toBe(before.updatedAt);
  });

  it('joins a retry with the same key and answers the same; another guest gets 404', async () => {
    const bookingId = await book({ hotelId: SEOUL.hotelId, roomTypeId: SEOUL.roomTypeId, checkIn: addDays(seoulStart, 11), checkOut: addDays(seoulStart, 12) });
    const [first, second] = await Promise.all([cancel(bookingId, 'same-cancel'), cancel(bookingId, 'same-cancel')]);
    expect(first.body).toEqual(second.body);
    expect(h.stripe.state.counts(bookingId).refunds).toBe(1);
    const stranger = await cancel(bookingId, nextKey(), { ...GUEST, sub: 'guest-2', email: 'someone@example.com' });
    expect(stranger.statusCode).toBe(404);
    await assertPaymentLedger(h, bookingId);
  });

  it('retries a failing refund and still refunds once', async () => {
    const bookingId = await book({ hotelId: SEOUL.hotelId, roomTypeId: SEOUL.roomTypeId, checkIn: addDays(seoulStart, 13), checkOut: addDays(seoulStart, 14) });
    h.faults.arm({ point: 'payment.refund', mode: 'error', times: 2 });
    const res = await cancel(bookingId);
    expect(res.body.data.status).toBe('REFUNDED');
    expect(h.stripe.state.counts(bookingId).refunds).toBe(1);
    await assertPaymentLedger(h, bookingId);
  });

  it('sends the saga to the dead-letter queue and the booking to NEEDS_ATTENTION when the refund keeps failing', async () => {
    const bookingId = await book({ hotelId: SEOUL.hotelId, roomTypeId: SEOUL.roomTypeId, checkIn: addDays(seoulStart, 15), checkOut: addDays(seoulStart, 16) });
    h.faults.arm({ point: 'payment.refund', mode: 'error', times: 100 });
    const res = await cancel(bookingId);
    expect(res.statusCode).toBe(503);
    expect(res.body.error.code).toBe('PAYMENT_UNAVAILABLE');
    const booking = await adminView(bookingId);
    expect(booking.status).toBe('NEEDS_ATTENTION');
    expect(booking.changes.at(-1)).toMatchObject({ changeId: 'cancel', outcome: 'NEEDS_ATTENTION' });
    const letters = h.aws.queues.messages('checkout-saga-dlq').map((m) => JSON.parse(m.body) as { bookingId: string });
    expect(letters.map((l) => l.bookingId)).toContain(bookingId);
    // Also recorded for the console, with the hotel read from the booking (a change saga's state has none).
    const recorded = (await h.container.deadLetters.list({ status: 'open', limit: 100 })).items.filter((l) => l.bookingId === bookingId);
    expect(recorded).toEqual([expect.objectContaining({ kind: 'change', changeId: 'cancel', hotelId: SEOUL.hotelId, status: 'open' })]);
    h.faults.clear();
  });
});

describe('cancellation saga with a PMS (simulated generic PMS)', () => {
  const HOTEL = { hotelId: 'htl_cx_pms', roomTypeId: 'rt_ocean', pmsRoomTypeId: 'ocean-double' };
  const start = addDays(todayIn('Asia/Seoul'), 30);
  let h: SagaHarness;
  let sim: Awaited<ReturnType<typeof startPmsSimulator>>;
  let offset = 0;
  const pmsReservation = (bookingId: string) => sim.state.reservations.find((r) => r.externalId === bookingId)!;

  beforeAll(async () => {
    h = await startSagaHarness();
    sim = await startPmsSimulator({ faults: h.faults });
    await h.container.catalog.putHotel(aHotel({ hotelId: HOTEL.hotelId }));
    await h.container.catalog.putRoomType(aRoomType({ hotelId: HOTEL.hotelId, roomTypeId: HOTEL.roomTypeId }));
    await h.container.catalog.putRatePlan(aRatePlan({ hotelId: HOTEL.hotelId, roomTypeId: HOTEL.roomTypeId }));
    await h.container.inventory.createNights(nights(HOTEL.hotelId, HOTEL.roomTypeId, start, addDays(start, 30), 5, 100_000));
    await connectToSimulatedPms(h, sim, 'generic', HOTEL.hotelId, { [HOTEL.roomTypeId]: HOTEL.pmsRoomTypeId });
  });
  afterAll(async () => {
    await h.stop();
    await sim.stop();
  });
  beforeEach(() => h.faults.clear());
  afterEach(async () => assertInventoryInvariant(h));

  const bookIt = () => {
    offset += 2;
    return book({ hotelId: HOTEL.hotelId, roomTypeId: HOTEL.roomTypeId, checkIn: addDays(start, offset), checkOut: addDays(start, offset + 1) });
  };

  it('cancels the PMS reservation, counted out of the PMS first', async () => {
    const bookingId = await bookIt();
    const res = await cancel(bookingId);
    expect(res.body.data.status).toBe('REFUNDED');
    expect(pmsReservation(bookingId).status).toBe('cancelled');
    expect((await h.container.holds.get(bookingId))).toMatchObject({ status: 'RELEASED', inPms: false });
    await assertPaymentLedger(h, bookingId);
  });

  it('changes nothing when the PMS cannot cancel: 503 PMS_UNAVAILABLE, the PMS counts the rooms again', async () => {
    const bookingId = await bookIt();
    h.faults.arm({ point: 'pms.cancel', mode: 'error', times: 100 });
    const res = await cancel(bookingId);
    h.faults.clear();
    expect(res.statusCode).toBe(503);
    expect(res.body.error.code).toBe('PMS_UNAVAILABLE');
    expect(await adminView(bookingId)).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' } });
    expect(pmsReservation(bookingId).status).toBe('confirmed');
    expect(await h.container.holds.get(bookingId)).toMatchObject({ status: 'CONVERTED', inPms: true });
    // The guest may try again; now it works.
    expect((await cancel(bookingId)).body.data.status).toBe('REFUNDED');
    await assertPaymentLedger(h, bookingId);
  });

  it('goes on when the PMS cancelled although its answer never came (decided from the PMS)', async () => {
    const bookingId = await bookIt();
    h.faults.arm({ point: 'pms.cancel', mode: 'late', times: 1, delayMs: 5_000 });
    h.faults.arm({ point: 'pms.cancel', mode: 'error', times: 100 });
    const res = await cancel(bookingId);
    h.faults.clear();
    expect(res.body.data).toMatchObject({ status: 'REFUNDED', refundAmount: 100_000 });
    expect(pmsReservation(bookingId).status).toBe('cancelled');
    await assertPaymentLedger(h, bookingId);
  });
});
