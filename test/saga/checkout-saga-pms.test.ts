import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as checkout } from '../../functions/booking/checkout.ts';
import { handler as adminGetBooking } from '../../functions/admin/get-booking.ts';
import { addDays, todayIn } from '../../shared/domain/dates.ts';
import { routes } from '../../shared/http/route-table.ts';
import { startPmsSimulator, type PmsSimulator } from '../../local/simulators/pms/pms-simulator.ts';
import { assertInventoryInvariant, connectToSimulatedPms, startSagaHarness, type SagaHarness } from '../support/saga-harness.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../support/fixtures.ts';

const start = addDays(todayIn('Asia/Seoul'), 10);
const admin = { sub: 'admin-1', 'cognito:groups': '[admin]' };
let seq = 0;

/** Our hotels wired to the simulated PMS: generic (which has holds) and Cloudbeds (which has none). */
const GENERIC = { hotelId: 'htl_generic', roomTypeId: 'rt_ocean', pmsRoomTypeId: 'ocean-double' };
const CLOUDBEDS = { hotelId: 'htl_cb', roomTypeId: 'rt_deluxe', pmsRoomTypeId: '501101' };

function checkoutFor(target: { hotelId: string; roomTypeId: string }, overrides: Record<string, unknown> = {}) {
  return httpEvent(routes.checkout, {
    headers: { 'idempotency-key': `pms-${++seq}` },
    body: {
      hotelId: target.hotelId,
      roomTypeId: target.roomTypeId,
      checkIn: start,
      checkOut: addDays(start, 2),
      rooms: 1,
      guests: 2,
      guestInfo: { firstName: 'Min', lastName: 'Kim', email: 'min@example.com', phone: '+82 10 5555 0000' },
      payment: { paymentMethodId: 'pm_card_visa' },
      ...overrides,
    },
  });
}

describe('checkout saga with a PMS (simulated Cloudbeds and generic PMS)', () => {
  let h: SagaHarness;
  let sim: PmsSimulator;

  const pmsReservations = (bookingId: string) => sim.state.reservations.filter((r) => r.externalId === bookingId);
  const bookingOf = async (bookingId: string) =>
    (await invoke(adminGetBooking, httpEvent(routes.adminGetBooking, { params: { bookingId }, claims: admin }))).body.data;

  beforeAll(async () => {
    h = await startSagaHarness();
    sim = await startPmsSimulator({ faults: h.faults });
    for (const target of [GENERIC, CLOUDBEDS]) {
      await h.container.catalog.putHotel(aHotel({ hotelId: target.hotelId }));
      await h.container.catalog.putRoomType(aRoomType({ hotelId: target.hotelId, roomTypeId: target.roomTypeId }));
      await h.container.catalog.putRatePlan(aRatePlan({ hotelId: target.hotelId, roomTypeId: target.roomTypeId }));
      await h.container.inventory.createNights(nights(target.hotelId, target.roomTypeId, start, addDays(start, 10), 10));
    }
    await connectToSimulatedPms(h, sim, 'generic', GENERIC.hotelId, { [GENERIC.roomTypeId]: GENERIC.pmsRoomTypeId });
    await connectToSimulatedPms(h, sim, 'cloudbeds', CLOUDBEDS.hotelId, { [CLOUDBEDS.roomTypeId]: CLOUDBEDS.pmsRoomTypeId });
  });

  afterAll(async () => {
    await h.stop();
    await sim.stop();
  });

  beforeEach(() => h.faults.clear());
  afterEach(async () => assertInventoryInvariant(h));

  it('holds in the PMS where it can, confirms there with our booking id, and captures', async () => {
    const res = await invoke(checkout, checkoutFor(GENERIC));
    expect(res.statusCode).toBe(201);
    const booking = await bookingOf(res.body.data.bookingId);
    expect(booking.pms).toMatchObject({ status: 'CONFIRMED', vendor: 'generic' });
    expect(booking.confirmationNumber).toBe(booking.pms.confirmationNumber);
    expect(pmsReservations(res.body.data.bookingId)).toHaveLength(1);
    expect(sim.state.holds.some((hold) => hold.externalId === res.body.data.bookingId)).toBe(true);
  });

  it('confirms in Cloudbeds (no holds there) with thirdPartyIdentifier', async () => {
    const res = await invoke(checkout, checkoutFor(CLOUDBEDS));
    expect(res.statusCode).toBe(201);
    const [reservation] = pmsReservations(res.body.data.bookingId);
    expect(reservation?.status).toBe('confirmed');
    expect(sim.state.holds.some((hold) => hold.externalId === res.body.data.bookingId)).toBe(false);
  });

  it('answers 503 PMS_UNAVAILABLE and releases the rooms when the PMS hold fails', async () => {
    h.faults.arm({ point: 'pms.hold', mode: 'error', times: 20 });
    const res = await invoke(checkout, checkoutFor(GENERIC));
    expect(res.statusCode).toBe(503);
    expect(res.body.error.code).toBe('PMS_UNAVAILABLE');
    const booking = await bookingOf(res.body.error.details.bookingId);
    expect(booking.payment.status).toBe('NONE');
  });

  it('voids the payment, releases the rooms and leaves no reservation when confirmation fails', async () => {
    h.faults.arm({ point: 'pms.confirm', mode: 'error', times: 20 });
    const res = await invoke(checkout, checkoutFor(CLOUDBEDS));
    expect(res.statusCode).toBe(503);
    expect(res.body.error.code).toBe('PMS_UNAVAILABLE');
    const bookingId = res.body.error.details.bookingId;
    const booking = await bookingOf(bookingId);
    expect(booking).toMatchObject({ status: 'FAILED', payment: { status: 'VOIDED' } });
    expect(pmsReservations(bookingId).filter((r) => r.status !== 'cancelled')).toHaveLength(0);
    expect(h.stripe.state.counts(bookingId)).toMatchObject({ captures: 0, cancels: 1 });
  });

  it('cancels the PMS reservation, voids and releases when capture fails', async () => {
    h.faults.arm({ point: 'payment.capture', mode: 'error', times: 50 });
    const res = await invoke(checkout, checkoutFor(GENERIC));
    expect(res.statusCode).toBe(503);
    const bookingId = res.body.error.details.bookingId;
    const booking = await bookingOf(bookingId);
    expect(booking).toMatchObject({ status: 'FAILED', pms: { status: 'CANCELLED' }, payment: { status: 'VOIDED' } });
    expect(pmsReservations(bookingId).map((r) => r.status)).toEqual(['cancelled']);
  });

  it('goes to NEEDS_ATTENTION with a dead letter when the PMS cancellation fails too', async () => {
    h.faults.arm({ point: 'payment.capture', mode: 'error', times: 50 });
    h.faults.arm({ point: 'pms.cancel', mode: 'error', times: 50 });
    const res = await invoke(checkout, checkoutFor(CLOUDBEDS));
    expect(res.statusCode).toBe(503);
    const bookingId = res.body.error.details.bookingId;
    const booking = await bookingOf(bookingId);
    expect(booking.status).toBe('NEEDS_ATTENTION');
    expect(booking.payment.status).toBe('VOIDED');
    const letters = h.aws.queues.messages('checkout-saga-dlq').map((m) => JSON.parse(m.body) as { bookingId: string; reason: string });
    expect(letters.find((l) => l.bookingId === bookingId)?.reason).toContain('cancelPms');
  });
});
