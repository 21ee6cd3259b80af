import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../../../shared/domain/booking.ts';
import { ChangeInProgressError, IdempotencyKeyReusedError, InvalidTransitionError, NothingToChangeError, SoldOutError } from '../../../../../shared/domain/booking-errors.ts';
import { snapshotPolicy } from '../../../../../shared/domain/booking-policy.ts';
import { transitionBooking } from '../../../../../shared/use-cases/bookings/lifecycle/booking-transitions.ts';
import { startCancellation } from '../../../../../shared/use-cases/bookings/lifecycle/cancellation.use-case.ts';
import { startModification } from '../../../../../shared/use-cases/bookings/lifecycle/modification.use-case.ts';
import { applyPmsReservationStatus, bookingStatusForPms } from '../../../../../shared/use-cases/bookings/lifecycle/pms-status.use-case.ts';
import { FakeBookingRepository } from '../../../../support/fakes/booking.repository.fake.ts';
import { fakeClock } from '../../../../support/fakes/clock.fake.ts';
import { FakeEventPublisher } from '../../../../support/fakes/event-publisher.fake.ts';
import { FakeFindingRepository } from '../../../../support/fakes/finding.repository.fake.ts';
import { FakeHoldRepository } from '../../../../support/fakes/hold.repository.fake.ts';
import { FakeHotelCatalog } from '../../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeInventory } from '../../../../support/fakes/inventory.repository.fake.ts';
import { FakeSagaStarter } from '../../../../support/fakes/saga-starter.fake.ts';
import { aBooking, aHotel, aRatePlan, aRoomType, nights } from '../../../../support/fixtures.ts';

/** 09:00 on 1 March in Seoul; the booking's stay is 10-12 March. */
const NOW = '2026-03-01T00:00:00.000Z';

function confirmed(overrides: Partial<Booking> = {}): Booking {
  const booking = aBooking({ status: 'CONFIRMED', ...overrides });
  return {
    ...booking,
    policy: snapshotPolicy({ hotel: aHotel(), plan: aRatePlan({ isRefundable: true, cancellationHours: 48, cancellationFeePercent: 30 }), checkIn: booking.checkIn, nightlyPrices: [] }),
    payment: { status: 'CAPTURED', paymentId: 'pi_1', amountMinor: booking.totalMinor, currency: booking.currency },
  };
}

function setup(booking: Booking = confirmed()) {
  const clock = fakeClock(NOW);
  const bookings = new FakeBookingRepository();
  bookings.seed(booking);
  const catalog = new FakeHotelCatalog();
  catalog.seed({
    hotel: aHotel(),
    roomTypes: [aRoomType({ roomTypeId: 'rt_deluxe', maxOccupancy: 2 }), aRoomType({ roomTypeId: 'rt_suite', maxOccupancy: 2 })],
  });
  const inventory = new FakeInventory();
  inventory.seed(nights('htl_seoul_1', 'rt_deluxe', '2026-03-09', '2026-03-20', 3, 150_000));
  inventory.seed(nights('htl_seoul_1', 'rt_suite', '2026-03-09', '2026-03-20', 1, 250_000));
  const saga = new FakeSagaStarter();
  return { clock, bookings, catalog, inventory, saga };
}

describe('transitionBooking', () => {
  it('asks the status machine first: a refused change throws INVALID_TRANSITION and writes nothing', async () => {
    const { bookings, clock } = setup(confirmed({ status: 'CHECKED_OUT' }));
    const before = await bookings.get('bk_test_0001');
    await expect(transitionBooking({ bookings, clock }, 'bk_test_0001', 'CANCELLED', { action: 'cancel' })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { from: 'CHECKED_OUT', to: 'CANCELLED', action: 'cancel' },
    });
    expect(await bookings.get('bk_test_0001')).toEqual(before);
  });

  it('asks again when another writer won the race, and answers on the status that won', async () => {
    const { bookings, clock } = setup();
    const racing = {
      get: (id: string) => bookings.get(id),
      // The first write loses to a check-in that lands in between.
      transition: async (...args: Parameters<FakeBookingRepository['transition']>) => {
        await bookings.transition('bk_test_0001', { from: ['CONFIRMED'], to: 'CHECKED_IN' }, clock());
        racing.transition = (...a) => bookings.transition(...a);
        return bookings.transition(...args);
      },
    };
    await expect(transitionBooking({ bookings: racing, clock }, 'bk_test_0001', 'CANCELLED', { action: 'cancel' })).rejects.toThrow(InvalidTransitionError);
    expect((await bookings.get('bk_test_0001'))!.status).toBe('CHECKED_IN');
  });
});

describe('startCancellation', () => {
  it('plans the refund from the terms, claims the change and starts one execution named after the key', async () => {
    const { bookings, catalog, saga, clock } = setup();
    const started = await startCancellation({ bookings, catalog, saga, clock }, { bookingId: 'bk_test_0001', by: 'guest', idempotencyKey: 'k1' });
    expect(started.plan).toMatchObject({ kind: 'cancel', cancelInPms: false, toStatus: 'CANCELLED', refundMinor: 300_000, feeMinor: 0, refunds: [{ paymentId: 'pi_1', amountMinor: 300_000 }] });
    expect((await bookings.get('bk_test_0001'))!.change).toMatchObject({ changeId: 'cancel', outcome: 'RUNNING' });
    expect([...saga.executions.keys()]).toEqual([expect.stringMatching(/^cancel-[0-9a-f]{64}$/)]);
  });

  it('keeps the fee after the free window', async () => {
    const { bookings, catalog, saga, clock } = setup();
    clock.set('2026-03-08T06:00:01.000Z');
    const started = await startCancellation({ bookings, catalog, saga, clock }, { bookingId: 'bk_test_0001', by: 'guest', idempotencyKey: 'k1' });
    expect(started.plan).toMatchObject({ refundMinor: 210_000, feeMinor: 90_000 });
  });

  it('joins a retry of the key, refuses the key with another request, and refuses another change while one runs', async () => {
    const { bookings, catalog, saga, clock } = setup();
    const deps = { bookings, catalog, saga, clock };
    await startCancellation(deps, { bookingId: 'bk_test_0001', by: 'guest', idempotencyKey: 'k1' });
    const again = await startCancellation(deps, { bookingId: 'bk_test_0001', by: 'guest', idempotencyKey: 'k1' });
    expect(again.change.changeId).toBe('cancel');
    expect(saga.executions.size).toBe(1);
    await expect(startCancellation(deps, { bookingId: 'bk_test_0001', by: 'hotel', idempotencyKey: 'k1' })).rejects.toThrow(IdempotencyKeyReusedError);
    await expect(startCancellation(deps, { bookingId: 'bk_test_0001', by: 'guest', idempotencyKey: 'k2' })).rejects.toThrow(ChangeInProgressError);
  });
});

describe('startModification', () => {
  const deps = (s: ReturnType<typeof setup>) => ({ bookings: s.bookings, catalog: s.catalog, inventory: s.inventory, saga: s.saga, clock: s.clock });

  it('reprices from current rates and charges an increase with purpose modify-1', async () => {
    const s = setup();
    const started = await startModification(deps(s), { bookingId: 'bk_test_0001', idempotencyKey: 'm1', request: { roomTypeId: 'rt_suite' } });
    expect(started.plan).toMatchObject({ totalMinor: 500_000, chargeMinor: 200_000, refundMinor: 0, purpose: 'modify-1', stay: { roomTypeId: 'rt_suite', nights: ['2026-03-10', '2026-03-11'] } });
    expect((await s.bookings.get('bk_test_0001'))!.modificationCount).toBe(1);
  });

  it('refunds a decrease as the terms allow it', async () => {
    const s = setup();
    const started = await startModification(deps(s), { bookingId: 'bk_test_0001', idempotencyKey: 'm1', request: { checkOut: '2026-03-11' } });
    // 300,000 paid; the new stay costs 150,000; inside the free window all 150,000 goes back.
    expect(started.plan).toMatchObject({ totalMinor: 150_000, chargeMinor: 0, refundMinor: 150_000, feeMinor: 0 });
  });

  it('refuses what cannot be: nothing to change, extra rooms that are not there, a modification of a cancelled booking', async () => {
    await expect(startModification(deps(setup()), { bookingId: 'bk_test_0001', idempotencyKey: 'm', request: { rooms: 1 } })).rejects.toThrow(NothingToChangeError);
    await expect(startModification(deps(setup()), { bookingId: 'bk_test_0001', idempotencyKey: 'm', request: { roomTypeId: 'rt_suite', rooms: 2 } })).rejects.toThrow(SoldOutError);
    await expect(startModification(deps(setup(confirmed({ status: 'CANCELLED' }))), { bookingId: 'bk_test_0001', idempotencyKey: 'm', request: { rooms: 2 } })).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      details: { from: 'CANCELLED', to: 'CONFIRMED', action: 'modify' },
    });
  });
});

describe('PMS statuses', () => {
  it('maps the spellings of the generic protocol and Cloudbeds', () => {
    expect(['cancelled', 'canceled', 'checked_in', 'checked_out', 'no_show', 'confirmed', 'not_confirmed'].map(bookingStatusForPms)).toEqual([
      'CANCELLED_BY_HOTEL',
      'CANCELLED_BY_HOTEL',
      'CHECKED_IN',
      'CHECKED_OUT',
      'NO_SHOW',
      undefined,
      undefined,
    ]);
  });

  it('applies a check-in, and turns one the machine refuses into a finding without changing anything', async () => {
    const s = setup();
    const holds = new FakeHoldRepository(s.inventory);
    const findings = new FakeFindingRepository();
    const events = new FakeEventPublisher();
    const deps = { bookings: s.bookings, holds, findings, events, clock: s.clock };
    expect(await applyPmsReservationStatus(deps, { bookingId: 'bk_test_0001', pmsStatus: 'checked_in', source: 'test' })).toBe('applied');
    expect(events.ofType('booking.checked_in')).toHaveLength(1);
    expect(await applyPmsReservationStatus(deps, { bookingId: 'bk_test_0001', pmsStatus: 'no_show', source: 'test' })).toBe('refused');
    expect((await s.bookings.get('bk_test_0001'))!.status).toBe('CHECKED_IN');
    expect(await findings.get('PMS_STATUS_REFUSED:bk_test_0001:no_show')).toMatchObject({ type: 'PMS_STATUS_REFUSED', status: 'open' });
  });
});
