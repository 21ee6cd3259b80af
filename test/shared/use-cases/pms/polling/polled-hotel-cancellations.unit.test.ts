import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../../../shared/domain/booking.ts';
import { addDays } from '../../../../../shared/domain/dates.ts';
import type { PmsVendor } from '../../../../../shared/domain/pms.ts';
import { PmsUnavailableError } from '../../../../../shared/domain/pms-errors.ts';
import { pollPmsConfig } from '../../../../../shared/use-cases/pms/polling/poll-pms-config.use-case.ts';
import { FakeBookingRepository } from '../../../../support/fakes/booking.repository.fake.ts';
import { FakeFindingRepository } from '../../../../support/fakes/finding.repository.fake.ts';
import { FakeHoldRepository } from '../../../../support/fakes/hold.repository.fake.ts';
import { aBooking, nights } from '../../../../support/fixtures.ts';
import { TODAY, pmsSyncWorld } from './pms-sync-world.ts';

const HOTEL = 'htl_1';
const ROOM = 'rt_ocean';

/** A poll world for one hotel at `vendor`, with our bookings, holds and findings given to the poll. */
async function world(vendor: PmsVendor, webhookEnabled = true) {
  const w = pmsSyncWorld();
  const { config, pms } = await w.addPmsHotel(HOTEL, { vendor, pollingHorizonDays: 10, webhookEnabled });
  const bookings = new FakeBookingRepository();
  const holds = new FakeHoldRepository(w.inventory);
  const findings = new FakeFindingRepository();
  w.inventory.seed(nights(HOTEL, ROOM, TODAY, addDays(TODAY, 9), 7, 120_000).map((n) => ({ ...n, sellLimit: 7, remaining: 7 })));
  const deps = { ...w.deps, ourBookings: { bookings, holds, findings } };

  /** Our booking of one room, its hold converted and counted in the PMS. */
  async function booked(bookingId: string, checkIn: string, status: Booking['status'] = 'CONFIRMED'): Promise<void> {
    const booking = aBooking({ bookingId, hotelId: HOTEL, roomTypeId: ROOM, checkIn, checkOut: addDays(checkIn, 2), status, payment: { status: 'CAPTURED', paymentId: `pi_${bookingId}`, amountMinor: 240_000, currency: 'KRW' } });
    bookings.seed(booking);
    await holds.place({ bookingId, hotelId: HOTEL, roomTypeId: ROOM, nights: booking.nights, rooms: 1, expiresAt: '2026-03-01T01:00:00.000Z' }, w.clock());
    await holds.convert(bookingId, w.clock());
    await holds.markInPms(bookingId, w.clock());
  }
  const poll = async () => pollPmsConfig(deps, (await w.configs.get(config.configId))!, { trigger: 'schedule' });
  return { ...w, config, pms, bookings, holds, findings, booked, poll };
}

describe('a poll of a PMS without webhooks (OPERA, or webhooks off) takes back our bookings the hotel cancelled there', () => {
  it('marks the booking CANCELLED_BY_HOTEL with its refund due, frees its rooms once, tells an admin, then reads the nights; the next poll does nothing again', async () => {
    // Prepare: the hotel cancelled our reservation at the front desk; OPERA pushes nothing.
    const w = await world('opera');
    await w.booked('bk_hc', '2026-03-04');
    w.pms.plant({ reservationId: 'R1', externalId: 'bk_hc', status: 'cancelled', pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-04', checkOut: '2026-03-06', rooms: 1 });

    // Act: two polls.
    const first = await w.poll();
    const second = await w.poll();

    // Assess
    expect(first).toMatchObject({ status: 'ok', hotelCancelled: ['bk_hc'] });
    expect(second).toMatchObject({ status: 'ok', hotelCancelled: [] });
    expect(await w.bookings.get('bk_hc')).toMatchObject({ status: 'CANCELLED_BY_HOTEL', refundDueMinor: 240_000 });
    expect((await w.holds.get('bk_hc'))?.status).toBe('RELEASED');
    expect(w.inventory.night(HOTEL, ROOM, '2026-03-04')).toMatchObject({ reserved: 0, inPms: 0, external: 0, remaining: 7 });
    expect(w.pms.calls.map((c) => c.operation)).toEqual(['listReservations', 'findReservationsByExternalId', 'getNights', 'listReservations', 'getNights']);
    expect((await w.findings.list({ status: 'open', limit: 10 })).items).toMatchObject([{ type: 'HOTEL_CANCELLED', bookingId: 'bk_hc', pmsReservationId: 'R1' }]);
    expect(w.events.ofType('booking.cancelled_by_hotel')).toHaveLength(1);
  });

  it('leaves alone a booking the PMS still has live elsewhere, a checkout in flight, and another system\'s id', async () => {
    // Prepare: bk_moved has a cancelled reservation in range and a live one the hotel re-created outside it;
    // bk_pending's saga is running; ext-9 is not ours.
    const w = await world('opera');
    await w.booked('bk_moved', '2026-03-03');
    await w.booked('bk_pending', '2026-03-05', 'PENDING');
    w.pms.plant({ reservationId: 'R1', externalId: 'bk_moved', status: 'cancelled', pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-03', checkOut: '2026-03-05', rooms: 1 });
    w.pms.plant({ reservationId: 'R2', externalId: 'bk_moved', status: 'confirmed', pmsRoomTypeId: 'ocean-double', checkIn: '2026-05-03', checkOut: '2026-05-05', rooms: 1 });
    w.pms.plant({ reservationId: 'R3', externalId: 'bk_pending', status: 'cancelled', pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-05', checkOut: '2026-03-07', rooms: 1 });
    w.pms.plant({ reservationId: 'R4', externalId: 'ext-9', status: 'cancelled', pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-05', checkOut: '2026-03-07', rooms: 1 });

    // Act
    const outcome = await w.poll();

    // Assess
    expect(outcome).toMatchObject({ status: 'ok', hotelCancelled: [] });
    expect((await w.bookings.get('bk_moved'))?.status).toBe('CONFIRMED');
    expect((await w.bookings.get('bk_pending'))?.status).toBe('PENDING');
    expect(w.pms.callsOf('findReservationsByExternalId')).toEqual([['bk_moved']]);
    expect(w.inventory.night(HOTEL, ROOM, '2026-03-03')).toMatchObject({ reserved: 1 });
    expect(w.events.ofType('booking.cancelled_by_hotel')).toHaveLength(0);
  });

  it('a PMS with webhooks is not asked for its reservations: its events carry cancellations', async () => {
    const w = await world('generic');
    await w.booked('bk_1', '2026-03-04');
    w.pms.plant({ reservationId: 'R1', externalId: 'bk_1', status: 'cancelled', pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-04', checkOut: '2026-03-06', rooms: 1 });

    const outcome = await w.poll();

    expect(outcome).toMatchObject({ status: 'ok', hotelCancelled: [] });
    expect(w.pms.calls.map((c) => c.operation)).toEqual(['getNights']);
    expect((await w.bookings.get('bk_1'))?.status).toBe('CONFIRMED');
  });

  it('a PMS with webhooks turned off for this config is asked, as one without them', async () => {
    const w = await world('cloudbeds', false);
    await w.booked('bk_1', '2026-03-04');
    w.pms.plant({ reservationId: 'R1', externalId: 'bk_1', status: 'cancelled', pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-04', checkOut: '2026-03-06', rooms: 1 });

    const outcome = await w.poll();

    expect(outcome).toMatchObject({ status: 'ok', hotelCancelled: ['bk_1'] });
    expect((await w.bookings.get('bk_1'))?.status).toBe('CANCELLED_BY_HOTEL');
  });

  it('a listing the PMS fails fails the poll and counts on its circuit; no night is read', async () => {
    const w = await world('opera');
    w.pms.failures.arm('listReservations', new PmsUnavailableError('down'));

    const outcome = await w.poll();

    expect(outcome).toMatchObject({ status: 'failed', consecutiveFailures: 1, error: expect.stringContaining('down') });
    expect(await w.configs.get(w.config.configId)).toMatchObject({ circuit: { failures: 1 } });
    expect(w.pms.callsOf('getNights')).toEqual([]);
  });
});
