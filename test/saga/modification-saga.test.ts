import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler as modifyBooking } from '../../functions/bookings/modify-booking.ts';
import { handler as cancelBooking } from '../../functions/bookings/cancel-booking.ts';
import { startPmsSimulator, type PmsSimulator } from '../../local/simulators/pms/pms-simulator.ts';
import { addDays, datesInclusive, todayIn } from '../../shared/domain/dates.ts';
import { routes } from '../../shared/http/route-table.ts';
import { httpEvent, invoke } from '../support/events.ts';
import { aHotel, aRatePlan, aRoomType, nights } from '../support/fixtures.ts';
import { adminView, assertPaymentLedger, book, GUEST, nextKey } from '../support/lifecycle.ts';
import { assertInventoryInvariant, connectToSimulatedPms, startSagaHarness, type SagaHarness } from '../support/saga-harness.ts';

/**
 * Our hotel on the simulated generic PMS: a standard room at 100,000 KRW a night for the first
 * 40 days, 150,000 after, and a suite at 200,000. Free cancellation until 48 h before check-in.
 */
const HOTEL = 'htl_mod';
const STD = { roomTypeId: 'rt_std', pms: 'ocean-double' };
const SUITE = { roomTypeId: 'rt_suite', pms: 'family-villa' };
/** A hotel we confirm ourselves (no PMS). */
const OWN = { hotelId: 'htl_mod_own', roomTypeId: 'rt_std' };
const today = todayIn('Asia/Seoul');
const day = (n: number) => addDays(today, n);

function modify(bookingId: string, body: Record<string, unknown>, key = nextKey('modify')) {
  return invoke(modifyBooking, httpEvent(routes.modifyBooking, { params: { bookingId }, headers: { 'idempotency-key': key }, body, claims: GUEST }));
}

describe('modification saga against DynamoDB Local, the Stripe simulator, the simulated PMS and the local state machine', () => {
  let h: SagaHarness;
  let sim: PmsSimulator;
  let offset = 0;
  /** Each test books its own nights, so tests never compete for rooms. */
  const nextStay = (nightsCount = 2) => {
    offset += 4;
    return { checkIn: day(5 + offset), checkOut: day(5 + offset + nightsCount) };
  };
  const pmsReservation = (bookingId: string) => sim.state.reservations.find((r) => r.externalId === bookingId)!;
  const reservedOn = async (roomTypeId: string, date: string) => (await h.container.inventory.getNights(HOTEL, roomTypeId, date, date))[0]!.reserved;

  beforeAll(async () => {
    h = await startSagaHarness();
    sim = await startPmsSimulator({ faults: h.faults });
    await h.container.catalog.putHotel(aHotel({ hotelId: HOTEL }));
    await h.container.catalog.putHotel(aHotel({ hotelId: OWN.hotelId }));
    for (const [hotelId, type, price] of [[HOTEL, STD.roomTypeId, 100_000], [HOTEL, SUITE.roomTypeId, 200_000], [OWN.hotelId, OWN.roomTypeId, 100_000]] as const) {
      await h.container.catalog.putRoomType(aRoomType({ hotelId, roomTypeId: type, maxOccupancy: 2 }));
      await h.container.catalog.putRatePlan(aRatePlan({ hotelId, roomTypeId: type, isRefundable: true, cancellationHours: 48, cancellationFeePercent: 30 }));
      await h.container.inventory.createNights(nights(hotelId, type, day(1), day(99), 5, price));
    }
    // Later nights of the standard room cost more: moving there costs the difference.
    for (const date of datesInclusive(day(100), day(130))) {
      await h.container.inventory.createNights(nights(HOTEL, STD.roomTypeId, date, date, 5, 150_000));
    }
    await connectToSimulatedPms(h, sim, 'generic', HOTEL, { [STD.roomTypeId]: STD.pms, [SUITE.roomTypeId]: SUITE.pms });
  });
  afterAll(async () => {
    await h.stop();
    await sim.stop();
  });
  beforeEach(() => h.faults.clear());
  afterEach(async () => assertInventoryInvariant(h));

  /** The four kinds of modification, from a two-night standard stay of one room (200,000). */
  const KINDS = {
    grows: (stay: { checkIn: string; checkOut: string }) => ({ body: { rooms: 2 }, total: 400_000, charged: 200_000, refunded: 0 }),
    shrinks: (stay: { checkIn: string; checkOut: string }) => ({ body: { checkOut: addDays(stay.checkOut, -1) }, total: 100_000, charged: 0, refunded: 100_000 }),
    moves: () => ({ body: { checkIn: day(101), checkOut: day(103) }, total: 300_000, charged: 100_000, refunded: 0 }),
    'changes room type': () => ({ body: { roomTypeId: SUITE.roomTypeId }, total: 400_000, charged: 200_000, refunded: 0 }),
  } as const;

  describe.each(Object.entries(KINDS))('a modification that %s', (kind, plan) => {
    it('succeeds: the PMS reservation, the nights, the price and the money follow', async () => {
      const stay = kind === 'moves' ? { checkIn: day(96), checkOut: day(98) } : nextStay();
      const bookingId = await book({ hotelId: HOTEL, roomTypeId: STD.roomTypeId, ...stay });
      const { body, total, charged, refunded } = plan(stay);
      const res = await modify(bookingId, body);

      expect(res.statusCode, JSON.stringify(res.body)).toBe(200);
      expect(res.body.data).toMatchObject({ changeId: 'modify-1', outcome: 'SUCCEEDED', chargedAmount: charged, refundedAmount: refunded, currency: 'KRW' });
      expect(res.body.data.booking).toMatchObject({ status: 'CONFIRMED', totalPrice: total, ...body });
      const r = pmsReservation(bookingId);
      const booking = await h.container.bookings.get(bookingId);
      expect({ checkIn: r.checkIn, checkOut: r.checkOut, rooms: r.rooms, status: r.status }).toEqual({
        checkIn: booking!.checkIn,
        checkOut: booking!.checkOut,
        rooms: booking!.rooms,
        status: 'confirmed',
      });
      expect(r.pmsRoomTypeId).toBe(booking!.roomTypeId === SUITE.roomTypeId ? SUITE.pms : STD.pms);
      expect(booking!.policy!.nightlyPrices.map((n) => n.date)).toEqual(booking!.nights);
      // Inside the free window a cheaper stay gets the whole difference back: the guest has paid exactly the new price.
      expect(await assertPaymentLedger(h, bookingId)).toMatchObject({ netMinor: total });
      await h.aws.idle();
      const event = h.aws.eventBus.events.find((e) => e['detail-type'] === 'booking.modified' && (e.detail as { bookingId: string }).bookingId === bookingId);
      expect(event?.detail).toMatchObject({ version: 1, changeId: 'modify-1', chargedMinor: charged, refundedMinor: refunded, previous: { roomTypeId: STD.roomTypeId, ...stay, rooms: 1 } });
    });

    it('changes nothing when the PMS refuses, and says why (409 PMS_REJECTED)', async () => {
      const stay = kind === 'moves' ? { checkIn: day(92), checkOut: day(94) } : nextStay();
      const bookingId = await book({ hotelId: HOTEL, roomTypeId: STD.roomTypeId, ...stay });
      const before = await h.container.bookings.get(bookingId);
      const reservation = pmsReservation(bookingId);
      await sim.setReservationStatus(reservation.pmsHotelId, reservation.reservationId, 'checked_in', { notify: false });
      try {
        const res = await modify(bookingId, plan(stay).body);
        expect(res.statusCode).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'PMS_REJECTED', details: { bookingId, changeId: 'modify-1' } });
        expect(res.body.error.message).toContain('Nothing changed');
      } finally {
        await sim.setReservationStatus(reservation.pmsHotelId, reservation.reservationId, 'confirmed', { notify: false });
      }
      const after = await h.container.bookings.get(bookingId);
      expect({ ...after, updatedAt: '', steps: [], changes: [], change: undefined, modificationCount: undefined }).toEqual({
        ...before,
        updatedAt: '',
        steps: [],
        changes: [],
        change: undefined,
        modificationCount: undefined,
      });
      expect(after!.changes).toEqual([expect.objectContaining({ outcome: 'FAILED', failureCode: 'PMS_REJECTED' })]);
      expect(pmsReservation(bookingId)).toMatchObject({ checkIn: stay.checkIn, checkOut: stay.checkOut, rooms: 1, pmsRoomTypeId: STD.pms });
      expect(await reservedOn(STD.roomTypeId, stay.checkIn)).toBe(1);
      expect(await assertPaymentLedger(h, bookingId)).toMatchObject({ netMinor: 200_000 });
    });

    it('changes nothing when the payment fails, and says why (503 PAYMENT_UNAVAILABLE)', async () => {
      const stay = kind === 'moves' ? { checkIn: day(88), checkOut: day(90) } : nextStay();
      const bookingId = await book({ hotelId: HOTEL, roomTypeId: STD.roomTypeId, ...stay });
      h.faults.arm({ point: plan(stay).refunded > 0 ? 'payment.refund' : 'payment.authorize', mode: 'error', times: 100 });
      const res = await modify(bookingId, plan(stay).body);
      h.faults.clear();

      expect(res.statusCode).toBe(503);
      expect(res.body.error.code).toBe('PAYMENT_UNAVAILABLE');
      const after = await adminView(bookingId);
      expect(after).toMatchObject({ status: 'CONFIRMED', ...stay, rooms: 1, roomTypeId: STD.roomTypeId, totalPrice: 200_000 });
      expect(pmsReservation(bookingId)).toMatchObject({ checkIn: stay.checkIn, checkOut: stay.checkOut, rooms: 1, pmsRoomTypeId: STD.pms });
      expect(await assertPaymentLedger(h, bookingId)).toMatchObject({ netMinor: 200_000 });
    });
  });

  it('reverts the PMS, voids the difference and keeps the booking when the capture fails after the PMS agreed', async () => {
    const stay = nextStay();
    const bookingId = await book({ hotelId: HOTEL, roomTypeId: STD.roomTypeId, ...stay });
    h.faults.arm({ point: 'payment.capture', mode: 'error', times: 100 });
    const res = await modify(bookingId, { rooms: 2 });
    h.faults.clear();
    expect(res.statusCode).toBe(503);
    expect(pmsReservation(bookingId)).toMatchObject({ rooms: 1, status: 'confirmed' });
    expect((await adminView(bookingId)).rooms).toBe(1);
    expect(await assertPaymentLedger(h, bookingId)).toMatchObject({ netMinor: 200_000 });
  });

  it('answers 409 SOLD_OUT without a saga when the extra rooms are not there, and 422 when nothing changes', async () => {
    const stay = nextStay();
    const bookingId = await book({ hotelId: HOTEL, roomTypeId: STD.roomTypeId, ...stay });
    const before = h.aws.stepFunctions.list().length;
    const soldOut = await modify(bookingId, { rooms: 9 });
    const same = await modify(bookingId, { checkIn: stay.checkIn });
    expect(soldOut.statusCode).toBe(409);
    expect(soldOut.body.error.code).toBe('SOLD_OUT');
    expect(same.statusCode).toBe(422);
    expect(same.body.error.code).toBe('NOTHING_TO_CHANGE');
    expect(h.aws.stepFunctions.list().length).toBe(before);
  });

  it('modifies a booking of a hotel without a PMS, twice, with a payment per modification', async () => {
    const bookingId = await book({ hotelId: OWN.hotelId, roomTypeId: OWN.roomTypeId, checkIn: day(60), checkOut: day(62) });
    const grown = await modify(bookingId, { checkOut: day(63) });
    const moved = await modify(bookingId, { checkIn: day(61), checkOut: day(64) });
    expect(grown.body.data).toMatchObject({ changeId: 'modify-1', chargedAmount: 100_000 });
    expect(moved.body.data).toMatchObject({ changeId: 'modify-2', chargedAmount: 0, refundedAmount: 0, booking: { checkIn: day(61), checkOut: day(64), totalPrice: 300_000 } });
    expect(h.stripe.state.intentsForBooking(bookingId).map((i) => i.metadata.purpose ?? 'checkout').sort()).toEqual(['checkout', 'modify-1']);
    expect(await assertPaymentLedger(h, bookingId)).toMatchObject({ netMinor: 300_000 });
    const [first] = await h.container.inventory.getNights(OWN.hotelId, OWN.roomTypeId, day(60), day(60));
    expect(first!.reserved).toBe(0);
  });

  it('refuses to modify a cancelled booking with 409 INVALID_TRANSITION', async () => {
    const bookingId = await book({ hotelId: OWN.hotelId, roomTypeId: OWN.roomTypeId, checkIn: day(66), checkOut: day(67) });
    await invoke(cancelBooking, httpEvent(routes.cancelBooking, { params: { bookingId }, headers: { 'idempotency-key': nextKey() }, claims: GUEST }));
    const res = await modify(bookingId, { rooms: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'REFUNDED', to: 'CONFIRMED', action: 'modify' } });
  });

  it('lets exactly one of a concurrent modification and cancellation win', async () => {
    for (let round = 0; round < 3; round += 1) {
      const stay = nextStay();
      const bookingId = await book({ hotelId: HOTEL, roomTypeId: STD.roomTypeId, ...stay });
      const [modified, cancelled] = await Promise.all([
        modify(bookingId, { rooms: 2 }),
        invoke(cancelBooking, httpEvent(routes.cancelBooking, { params: { bookingId }, headers: { 'idempotency-key': nextKey() }, claims: GUEST })),
      ]);
      const winners = [modified.statusCode, cancelled.statusCode].filter((s) => s === 200);
      expect(winners).toHaveLength(1);
      const loser = modified.statusCode === 200 ? cancelled : modified;
      expect(loser.statusCode).toBe(409);
      expect(['CHANGE_IN_PROGRESS', 'INVALID_TRANSITION']).toContain(loser.body.error.code);
      const booking = await adminView(bookingId);
      if (modified.statusCode === 200) {
        expect(booking).toMatchObject({ status: 'CONFIRMED', rooms: 2 });
        expect(pmsReservation(bookingId)).toMatchObject({ rooms: 2, status: 'confirmed' });
      } else {
        expect(booking).toMatchObject({ status: 'REFUNDED', rooms: 1 });
        expect(pmsReservation(bookingId).status).toBe('cancelled');
      }
      await assertPaymentLedger(h, bookingId);
      await assertInventoryInvariant(h);
    }
  });
});
