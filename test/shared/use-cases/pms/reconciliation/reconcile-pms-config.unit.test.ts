import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../../../shared/domain/booking.ts';
import { addDays, datesInclusive } from '../../../../../shared/domain/dates.ts';
import type { PmsConfig } from '../../../../../shared/domain/pms-config.ts';
import { PmsUnavailableError } from '../../../../../shared/domain/pms-errors.ts';
import type { PmsNight } from '../../../../../shared/domain/pms.ts';
import { reconcilePmsConfig, reconcilePmsConfigNow, type ReconcileDeps } from '../../../../../shared/use-cases/pms/reconciliation/reconcile-pms-config.use-case.ts';
import { NotFoundError } from '../../../../../shared/domain/errors.ts';
import { fakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakeBookingRepository } from '../../../../support/fakes/booking.repository.fake.ts';
import { FakeEventPublisher } from '../../../../support/fakes/event-publisher.fake.ts';
import { FakeFindingRepository } from '../../../../support/fakes/finding.repository.fake.ts';
import { FakeHoldRepository } from '../../../../support/fakes/hold.repository.fake.ts';
import { FakeHotelCatalog } from '../../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeInventory } from '../../../../support/fakes/inventory.repository.fake.ts';
import { FakePmsClient } from '../../../../support/fakes/pms-client.fake.ts';
import { FakePmsClients } from '../../../../support/fakes/pms-clients.fake.ts';
import { FakePmsConfigRepository } from '../../../../support/fakes/pms-config.repository.fake.ts';
import { aBooking, aHotel, aPmsConfig, aRoomType, nights } from '../../../../support/fixtures.ts';

/** 09:00 on 1 March in Seoul: the horizon (10 days) is 2026-03-01..2026-03-10. */
const NOW = '2026-03-01T00:00:00.000Z';
const TODAY = '2026-03-01';
const LAST = '2026-03-10';
const SEALED = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };
const HOTEL = 'htl_1';
const ROOM = 'rt_ocean';

/** What the PMS reports for each night of the horizon: 5 rooms, all unsold unless `available` says otherwise. */
function pmsNights(available: Record<string, number> = {}): PmsNight[] {
  return datesInclusive(TODAY, LAST).map((date) => ({ pmsRoomTypeId: 'ocean-double', date, total: 5, available: available[date] ?? 5, priceMinor: 100_000, currency: 'KRW' }));
}

async function world(configFields: Partial<PmsConfig> = {}) {
  const clock = fakeClock(NOW);
  const configs = new FakePmsConfigRepository();
  const catalog = new FakeHotelCatalog();
  const inventory = new FakeInventory();
  const bookings = new FakeBookingRepository();
  const holds = new FakeHoldRepository(inventory);
  const findings = new FakeFindingRepository();
  const events = new FakeEventPublisher();
  const pmsClients = new FakePmsClients(configs);
  catalog.seed({
    hotel: aHotel({ hotelId: HOTEL, timeZone: 'Asia/Seoul', currency: 'KRW', pms: { vendor: 'generic', pmsHotelId: 'jeju' } }),
    roomTypes: [aRoomType({ hotelId: HOTEL, roomTypeId: ROOM, pmsRoomTypeId: 'ocean-double' })],
  });
  inventory.seed(nights(HOTEL, ROOM, TODAY, LAST, 5, 100_000).map((n) => ({ ...n, sellLimit: 5, remaining: 5 })));
  const config = aPmsConfig({ configId: 'cfg_1', hotelId: HOTEL, vendor: 'generic', pmsHotelId: 'jeju', apiBaseUrl: 'https://pms.example', credentials: SEALED, pollingHorizonDays: 10, createdAt: NOW, ...configFields });
  await configs.put(config);
  const pms = new FakePmsClient({ vendor: 'generic', pmsHotelId: 'jeju', nights: pmsNights(), clock });
  pmsClients.register(config.configId, pms);
  const deps: ReconcileDeps = { configs, pms: pmsClients, catalog, inventory, bookings, holds, findings, events, clock };

  /** Our confirmed booking of one room, its hold converted and counted in the PMS. */
  async function confirmed(bookingId: string, checkIn: string, extra: Partial<Booking> = {}): Promise<Booking> {
    const booking = aBooking({ bookingId, hotelId: HOTEL, roomTypeId: ROOM, checkIn, checkOut: addDays(checkIn, 2), status: 'CONFIRMED', payment: { status: 'CAPTURED', paymentId: `pi_${bookingId}`, amountMinor: 200_000, currency: 'KRW' }, ...extra });
    bookings.seed(booking);
    await holds.place({ bookingId, hotelId: HOTEL, roomTypeId: ROOM, nights: booking.nights, rooms: 1, expiresAt: '2026-03-01T01:00:00.000Z' }, clock());
    await holds.convert(bookingId, clock());
    await holds.markInPms(bookingId, clock());
    return booking;
  }
  const run = async () => reconcilePmsConfig(deps, (await configs.get('cfg_1'))!, { trigger: 'manual' });
  const open = async () => (await findings.list({ status: 'open', limit: 50 })).items;
  return { clock, configs, inventory, bookings, holds, findings, events, pms, deps, confirmed, run, open };
}

describe('reconcilePmsConfig', () => {
  it('finds a confirmed booking the PMS lacks (MISSING_IN_PMS) once, and publishes it once', async () => {
    // Prepare: our booking exists; the PMS has no reservation with its id, in the range or anywhere.
    const w = await world();
    await w.confirmed('bk_missing', '2026-03-03');

    // Act: two runs, a day apart.
    const first = await w.run();
    w.clock.advance(86_400_000);
    const second = await w.run();

    // Assess
    expect(first).toMatchObject({ status: 'ok', range: { from: TODAY, to: LAST }, compared: { bookings: 1, pmsReservations: 0, ours: 0 }, found: { MISSING_IN_PMS: 1 }, opened: 1 });
    expect(second).toMatchObject({ found: { MISSING_IN_PMS: 1 }, opened: 0 });
    expect(w.pms.callsOf('findReservationsByExternalId')).toEqual([['bk_missing'], ['bk_missing']]);
    expect(await w.open()).toMatchObject([{ type: 'MISSING_IN_PMS', bookingId: 'bk_missing', configId: 'cfg_1', source: first.runId }]);
    expect(w.events.ofType('reconciliation.finding').map((e) => e.detail)).toEqual([expect.objectContaining({ type: 'MISSING_IN_PMS', bookingId: 'bk_missing' })]);
    expect((await w.bookings.get('bk_missing'))?.status).toBe('CONFIRMED');
    expect(await w.configs.get('cfg_1')).toMatchObject({ lastReconciledAt: '2026-03-02T00:00:00.000Z', circuit: { state: 'CLOSED' } });
  });

  it('a confirmed booking the PMS has cancelled was cancelled by the hotel: CANCELLED_BY_HOTEL, rooms back once, then the nights are read', async () => {
    // Prepare: the hotel cancelled our reservation in a PMS without webhooks; it reports the rooms free again.
    const w = await world();
    await w.confirmed('bk_hc', '2026-03-04');
    w.pms.plant({ reservationId: 'R1', externalId: 'bk_hc', status: 'cancelled', pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-04', checkOut: '2026-03-06', rooms: 1 });

    // Act
    const summary = await w.run();

    // Assess
    expect(summary).toMatchObject({ status: 'ok', hotelCancelled: ['bk_hc'], found: { HOTEL_CANCELLED: 1, MISSING_IN_PMS: 0 }, cancelledInPms: [] });
    expect(await w.bookings.get('bk_hc')).toMatchObject({ status: 'CANCELLED_BY_HOTEL', refundDueMinor: 200_000 });
    expect((await w.holds.get('bk_hc'))?.status).toBe('RELEASED');
    expect(w.inventory.night(HOTEL, ROOM, '2026-03-04')).toMatchObject({ reserved: 0, inPms: 0, external: 0, remaining: 5 });
    expect(w.pms.calls.map((c) => c.operation)).toEqual(['listReservations', 'findReservationsByExternalId', 'getNights']);
    expect(await w.open()).toMatchObject([{ type: 'HOTEL_CANCELLED', bookingId: 'bk_hc', pmsReservationId: 'R1', source: summary.runId }]);
    expect(w.events.ofType('booking.cancelled_by_hotel')).toHaveLength(1);
    expect(w.events.ofType('reconciliation.finding').map((e) => e.detail.type)).toEqual(['HOTEL_CANCELLED']);
  });

  it('cancels a live reservation whose booking failed (UNKNOWN_PMS_RESERVATION), and leaves in-flight, escalated and foreign ones alone', async () => {
    // Prepare
    const w = await world();
    const stay = { pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-05', checkOut: '2026-03-06', rooms: 1, status: 'confirmed' as const };
    w.bookings.seed(aBooking({ bookingId: 'bk_failed', hotelId: HOTEL, roomTypeId: ROOM, checkIn: '2026-03-05', status: 'FAILED' }));
    w.bookings.seed(aBooking({ bookingId: 'bk_pending', hotelId: HOTEL, roomTypeId: ROOM, checkIn: '2026-03-05', status: 'PENDING' }));
    w.bookings.seed(aBooking({ bookingId: 'bk_attention', hotelId: HOTEL, roomTypeId: ROOM, checkIn: '2026-03-05', status: 'NEEDS_ATTENTION' }));
    w.pms.plant({ reservationId: 'R_failed', externalId: 'bk_failed', ...stay });
    w.pms.plant({ reservationId: 'R_pending', externalId: 'bk_pending', ...stay });
    w.pms.plant({ reservationId: 'R_attention', externalId: 'bk_attention', ...stay });
    w.pms.plant({ reservationId: 'R_foreign', externalId: 'other-system-42', ...stay });
    w.pms.plant({ reservationId: 'R_desk', externalId: '', channel: 'front-desk', ...stay });

    // Act
    const summary = await w.run();
    const again = await w.run();

    // Assess
    expect(summary).toMatchObject({ cancelledInPms: ['R_failed'], found: { UNKNOWN_PMS_RESERVATION: 1 }, skipped: 2, compared: { pmsReservations: 5, ours: 3 } });
    expect(again).toMatchObject({ cancelledInPms: [], found: { UNKNOWN_PMS_RESERVATION: 0 } });
    expect(w.pms.planted.map((r) => [r.reservationId, r.status])).toEqual([
      ['R_failed', 'cancelled'],
      ['R_pending', 'confirmed'],
      ['R_attention', 'confirmed'],
      ['R_foreign', 'confirmed'],
      ['R_desk', 'confirmed'],
    ]);
    expect(await w.open()).toMatchObject([
      { type: 'UNKNOWN_PMS_RESERVATION', bookingId: 'bk_failed', pmsReservationId: 'R_failed', action: 'Cancelled in the PMS automatically.' },
    ]);
  });

  it('keeps the reservation a booking records and cancels its duplicates (DUPLICATE_PMS_RESERVATION)', async () => {
    // Prepare: a create that timed out and was retried left R10 next to R11, which the booking records.
    const w = await world();
    await w.confirmed('bk_dup', '2026-03-02', { pms: { status: 'CONFIRMED', vendor: 'generic', reservationId: 'R11' } });
    const stay = { externalId: 'bk_dup', pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-02', checkOut: '2026-03-04', rooms: 1 };
    w.pms.plant({ reservationId: 'R10', status: 'confirmed', ...stay });
    w.pms.plant({ reservationId: 'R11', status: 'confirmed', ...stay });
    w.pms.plant({ reservationId: 'R09', status: 'cancelled', ...stay });

    // Act
    const summary = await w.run();

    // Assess
    expect(summary).toMatchObject({ cancelledInPms: ['R10'], found: { DUPLICATE_PMS_RESERVATION: 1, MISSING_IN_PMS: 0 } });
    expect(w.pms.planted.find((r) => r.reservationId === 'R11')?.status).toBe('confirmed');
    expect(await w.open()).toMatchObject([{ type: 'DUPLICATE_PMS_RESERVATION', bookingId: 'bk_dup', pmsReservationId: 'R11', action: 'Cancelled R10 in the PMS; kept R11.' }]);
  });

  it('a reservation listed once per room type (Cloudbeds) is one reservation, not a duplicate', async () => {
    const w = await world();
    await w.confirmed('bk_two_types', '2026-03-02', { pms: { status: 'CONFIRMED', vendor: 'cloudbeds', reservationId: '9000001' } });
    const row = { reservationId: '9000001', externalId: 'bk_two_types', status: 'confirmed' as const, checkIn: '2026-03-02', checkOut: '2026-03-04', rooms: 1 };
    w.pms.plant({ ...row, pmsRoomTypeId: 'ocean-double' });
    w.pms.plant({ ...row, pmsRoomTypeId: 'family-villa' });

    const summary = await w.run();

    expect(summary).toMatchObject({ compared: { pmsReservations: 1, ours: 1 }, cancelledInPms: [], found: { DUPLICATE_PMS_RESERVATION: 0, MISSING_IN_PMS: 0 } });
    expect(await w.open()).toEqual([]);
  });

  it('asks the PMS by our booking id before concluding: a stay the hotel moved outside the range is not missing', async () => {
    const w = await world();
    await w.confirmed('bk_moved', '2026-03-02');
    w.pms.plant({ reservationId: 'R30', externalId: 'bk_moved', status: 'confirmed', pmsRoomTypeId: 'ocean-double', checkIn: '2026-04-02', checkOut: '2026-04-04', rooms: 1 });

    const summary = await w.run();

    expect(summary.found).toMatchObject({ MISSING_IN_PMS: 0, HOTEL_CANCELLED: 0 });
    expect(await w.open()).toEqual([]);
  });

  it('finds a night sold beyond its limit by all channels together (OVERSOLD_NIGHT), judged on a fresh read', async () => {
    // Prepare: 3 rooms are ours (counted in the PMS); the PMS, which took an OTA's booking beyond its rooms, reports -1 unsold.
    const w = await world();
    w.inventory.seed(nights(HOTEL, ROOM, '2026-03-04', '2026-03-04', 5, 100_000).map((n) => ({ ...n, sellLimit: 5, reserved: 3, inPms: 3, remaining: 2 })));
    w.pms.setNights(pmsNights({ '2026-03-04': -1 }));

    // Act
    const summary = await w.run();

    // Assess: 3 ours + 3 others = 6 > 5.
    expect(summary.found.OVERSOLD_NIGHT).toBe(1);
    expect(w.inventory.night(HOTEL, ROOM, '2026-03-04')).toMatchObject({ external: 3, reserved: 3, overbooked: true });
    const [oversold] = await w.open();
    expect(oversold).toMatchObject({ type: 'OVERSOLD_NIGHT', roomTypeId: ROOM, date: '2026-03-04' });
    expect(oversold?.detail).toContain('6 rooms of rt_ocean are sold (3 by us, 3 by other channels) against a limit of 5');
    expect(w.inventory.movements.some((m) => m.kind === 'pms-sync' && m.ref.id === summary.runId)).toBe(true);
  });

  it('a PMS that is down fails the run, counts on the circuit, and leaves it unreconciled', async () => {
    const w = await world();
    w.pms.failures.arm('listReservations', new PmsUnavailableError('The PMS did not answer', { vendor: 'generic' }));

    const summary = await w.run();

    expect(summary).toMatchObject({ status: 'failed', error: 'PMS_UNAVAILABLE: The PMS did not answer', circuit: 'CLOSED' });
    const config = await w.configs.get('cfg_1');
    expect(config).toMatchObject({ lastReconcileAttemptAt: NOW, circuit: { state: 'CLOSED', failures: 1 } });
    expect(config?.lastReconciledAt).toBeUndefined();
  });

  it('an unknown config is 404 for an admin run', async () => {
    const w = await world();

    await expect(reconcilePmsConfigNow(w.deps, 'cfg_none')).rejects.toBeInstanceOf(NotFoundError);
  });
});
