import { BOOKING_EVENT_VERSION } from '../../../../shared/use-cases/bookings/lifecycle/booking-event-schemas.ts';
import { describe, expect, it, vi } from 'vitest';
import { HoldExpiredError, SagaAbandonedError, SoldOutError } from '../../../../shared/domain/booking-errors.ts';
import type { Booking } from '../../../../shared/domain/booking.ts';
import { PaymentDeclinedError, PaymentUnavailableError } from '../../../../shared/domain/payment-errors.ts';
import { PmsOutcomeUnknownError, PmsRejectedError, PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';
import {
  authorizePayment,
  cancelPmsReservation,
  capturePayment,
  confirmReservation,
  escalate,
  finalizeBooking,
  holdRooms,
  internalConfirmationNumber,
  markFailed,
  releaseHold,
  sagaBookingOf,
  voidPayment,
  type SagaState,
} from '../../../../shared/use-cases/checkout/saga-steps.use-cases.ts';
import { FakeBookingRepository } from '../../../support/fakes/booking.repository.fake.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { FakeDeadLetterQueue } from '../../../support/fakes/dead-letter.fake.ts';
import { FakeEventPublisher } from '../../../support/fakes/event-publisher.fake.ts';
import { FakeHoldRepository } from '../../../support/fakes/hold.repository.fake.ts';
import { FakeHotelCatalog } from '../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeInventory } from '../../../support/fakes/inventory.repository.fake.ts';
import { FakePaymentGateway } from '../../../support/fakes/payment-gateway.fake.ts';
import { FakePmsClient } from '../../../support/fakes/pms-client.fake.ts';
import { FakePmsClients } from '../../../support/fakes/pms-clients.fake.ts';
import { FakePmsConfigRepository } from '../../../support/fakes/pms-config.repository.fake.ts';
import { aBooking, aHotel, aPmsConfig, aRoomType, nights } from '../../../support/fixtures.ts';

const NOW = '2026-03-01T10:00:00.000Z';
const HOLD_TTL_SECONDS = 600;
const SEALED = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };

/**
 * Everything a saga step can touch, in memory: the booking (PENDING, two nights, one room, 300,000
 * KRW), three rooms a night, the gateway, and, with `pms`, a PMS config for the hotel whose client
 * is `pms` (room type `rt_1` is `ocean-double` there).
 */
async function world(options: { pms?: 'generic' | 'cloudbeds'; booking?: Partial<Booking> } = {}) {
  const clock = fakeClock(NOW);
  const bookings = new FakeBookingRepository();
  const inventory = new FakeInventory();
  const holds = new FakeHoldRepository(inventory, bookings);
  const catalog = new FakeHotelCatalog();
  const configs = new FakePmsConfigRepository();
  const pmsClients = new FakePmsClients(configs);
  const payments = new FakePaymentGateway();
  const events = new FakeEventPublisher();
  const deadLetters = new FakeDeadLetterQueue();
  const pms = new FakePmsClient({ vendor: options.pms ?? 'generic', clock });
  catalog.seed({
    hotel: aHotel({ hotelId: 'htl_1', ...(options.pms ? { pms: { vendor: options.pms, pmsHotelId: 'pms-hotel-1' } } : {}) }),
    roomTypes: [aRoomType({ hotelId: 'htl_1', roomTypeId: 'rt_1', ...(options.pms ? { pmsRoomTypeId: 'ocean-double' } : {}) })],
  });
  inventory.seed(nights('htl_1', 'rt_1', '2026-03-10', '2026-03-11', 3));
  if (options.pms) {
    await configs.put(aPmsConfig({ configId: 'cfg_1', hotelId: 'htl_1', vendor: options.pms, pmsHotelId: 'pms-hotel-1', apiBaseUrl: 'https://pms.example', credentials: SEALED }));
    pmsClients.register('cfg_1', pms);
  }
  const booking = aBooking({
    bookingId: 'bk_saga_1',
    hotelId: 'htl_1',
    roomTypeId: 'rt_1',
    checkIn: '2026-03-10',
    checkOut: '2026-03-12',
    specialRequests: 'Quiet room',
    ...(options.pms ? { pms: { status: 'NONE', vendor: options.pms } } : {}),
    ...options.booking,
  });
  bookings.seed(booking);
  const deps = { bookings, holds, catalog, inventory, payments, pms: pmsClients, events, deadLetters, clock, holdTtlSeconds: HOLD_TTL_SECONDS };
  const state: SagaState = { bookingId: booking.bookingId, booking: sagaBookingOf(booking) };
  const current = async () => (await bookings.get(booking.bookingId))!;
  const stepOf = async (name: string) => (await current()).steps.find((s) => s.name === name);
  return { clock, bookings, inventory, holds, catalog, configs, pmsClients, payments, events, deadLetters, pms, deps, state, booking, current, stepOf };
}

/** Runs the happy path up to (not including) `until`, as the state machine would. */
async function runUntil(w: Awaited<ReturnType<typeof world>>, until: 'authorize' | 'confirm' | 'capture' | 'finalize'): Promise<SagaState> {
  const state = { ...w.state };
  await holdRooms(w.deps, state);
  if (until === 'authorize') return state;
  state.payment = await authorizePayment(w.deps, state);
  if (until === 'confirm') return state;
  await confirmReservation(w.deps, state);
  if (until === 'capture') return state;
  state.capture = await capturePayment(w.deps, state);
  return state;
}

describe('saga step holdRooms', () => {
  it('takes the rooms for the hold TTL and records the expiry; a hotel without a PMS never asks for one', async () => {
    // Prepare
    const w = await world();
    const forHotel = vi.spyOn(w.pmsClients, 'forHotel');

    // Act
    await holdRooms(w.deps, w.state);

    // Assess
    expect(await w.holds.get('bk_saga_1')).toMatchObject({ status: 'HELD', nights: ['2026-03-10', '2026-03-11'], rooms: 1, expiresAt: '2026-03-01T10:10:00.000Z' });
    expect(w.inventory.night('htl_1', 'rt_1', '2026-03-10')).toMatchObject({ reserved: 1, remaining: 2 });
    expect(await w.current()).toMatchObject({ holdExpiresAt: '2026-03-01T10:10:00.000Z', pms: { status: 'NONE' } });
    expect(await w.stepOf('hold')).toEqual({ name: 'hold', status: 'SUCCEEDED', at: NOW });
    expect(forHotel).not.toHaveBeenCalled();
  });

  it('also holds the rooms in a PMS that has holds, under the PMS\'s room type id', async () => {
    const w = await world({ pms: 'generic' });

    await holdRooms(w.deps, w.state);

    const pmsHold = w.pms.holds.get('bk_saga_1')!;
    expect(pmsHold.request).toEqual({ externalId: 'bk_saga_1', pmsRoomTypeId: 'ocean-double', checkIn: '2026-03-10', checkOut: '2026-03-12', rooms: 1, ttlSeconds: HOLD_TTL_SECONDS });
    expect((await w.current()).pms).toEqual({ status: 'HELD', vendor: 'generic', holdId: pmsHold.holdId });
  });

  it('at a PMS without holds (Cloudbeds) holds nothing there, but reads the stay once before any card is authorized', async () => {
    // Prepare: the PMS still has rooms on both nights (another channel sold 1 of 3 on the 11th).
    const w = await world({ pms: 'cloudbeds' });
    w.pms.setNights([
      { pmsRoomTypeId: 'ocean-double', date: '2026-03-10', total: 3, available: 3, priceMinor: 150_000, currency: 'KRW' },
      { pmsRoomTypeId: 'ocean-double', date: '2026-03-11', total: 3, available: 2, priceMinor: 150_000, currency: 'KRW' },
    ]);

    // Act
    await holdRooms(w.deps, w.state);

    // Assess: one bulk read of the stay, no hold in the PMS, and the other channel's sale counted.
    expect(w.pms.calls.map((c) => c.operation)).toEqual(['getNights']);
    expect(w.pms.callsOf('getNights')).toEqual([['2026-03-10', '2026-03-11']]);
    expect((await w.current()).pms).toEqual({ status: 'NONE', vendor: 'cloudbeds' });
    expect((await w.holds.get('bk_saga_1'))?.status).toBe('HELD');
    expect(w.inventory.night('htl_1', 'rt_1', '2026-03-11')).toMatchObject({ external: 1, reserved: 1, sellLimit: 3, remaining: 1 });
  });

  it('at a PMS without holds refuses SOLD_OUT before authorizing when the PMS has no room left for the stay', async () => {
    // Prepare: other channels sold every room of the 11th in the PMS; our copy does not know yet.
    const w = await world({ pms: 'cloudbeds' });
    w.pms.setNights([
      { pmsRoomTypeId: 'ocean-double', date: '2026-03-10', total: 3, available: 3, priceMinor: 150_000, currency: 'KRW' },
      { pmsRoomTypeId: 'ocean-double', date: '2026-03-11', total: 3, available: 0, priceMinor: 150_000, currency: 'KRW' },
    ]);

    // Act
    const error = await holdRooms(w.deps, w.state).catch((e: unknown) => e);

    // Assess: the step fails sold out (the compensation releases our hold), and the next reader sees 0 left.
    expect(error).toBeInstanceOf(SoldOutError);
    expect(w.payments.calls).toEqual([]);
    expect(w.inventory.night('htl_1', 'rt_1', '2026-03-11')).toMatchObject({ external: 3, reserved: 1, remaining: -1 });
  });

  it('at a PMS without holds does not refuse a guest the PMS has a room for while our other reservations are being created', async () => {
    // Prepare: of our two other bookings, the PMS counts both, but we marked only one (the other's
    // create has just been answered); the PMS has 1 of 3 rooms left, which is ours to take.
    const w = await world({ pms: 'cloudbeds' });
    for (const id of ['bk_landed_marked', 'bk_landed_unmarked']) {
      await w.holds.place({ bookingId: id, hotelId: 'htl_1', roomTypeId: 'rt_1', nights: ['2026-03-10', '2026-03-11'], rooms: 1, expiresAt: '2026-03-01T11:00:00.000Z' }, w.clock());
      await w.holds.convert(id, w.clock());
    }
    await w.holds.markInPms('bk_landed_marked', w.clock());
    w.pms.setNights(['2026-03-10', '2026-03-11'].map((date) => ({ pmsRoomTypeId: 'ocean-double', date, total: 3, available: 1, priceMinor: 150_000, currency: 'KRW' })));

    // Act
    await holdRooms(w.deps, w.state);

    // Assess: the hold step passes. Our stored copy counts the unmarked one as another channel's
    // for now (it must never advertise a room that is gone), which the next report corrects.
    expect(await w.stepOf('hold')).toMatchObject({ status: 'SUCCEEDED' });
    expect(w.inventory.night('htl_1', 'rt_1', '2026-03-10')).toMatchObject({ reserved: 3, inPms: 1, external: 1, remaining: -1 });
  });

  it('at a PMS without holds refuses when its last room is also held by another checkout of ours that has not reached it', async () => {
    const w = await world({ pms: 'cloudbeds' });
    await w.holds.place({ bookingId: 'bk_held_too', hotelId: 'htl_1', roomTypeId: 'rt_1', nights: ['2026-03-11'], rooms: 1, expiresAt: '2026-03-01T11:00:00.000Z' }, w.clock());
    w.pms.setNights([
      { pmsRoomTypeId: 'ocean-double', date: '2026-03-10', total: 3, available: 3, priceMinor: 150_000, currency: 'KRW' },
      { pmsRoomTypeId: 'ocean-double', date: '2026-03-11', total: 3, available: 1, priceMinor: 150_000, currency: 'KRW' },
    ]);

    const error = await holdRooms(w.deps, w.state).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SoldOutError);
    expect((error as Error).message).toContain('2026-03-11');
    expect(w.payments.calls).toEqual([]);
  });

  it('throws SoldOutError and records the failed step when a night ran out since checkout', async () => {
    // Prepare: another booking took all three rooms of the 11th.
    const w = await world();
    await w.holds.place({ bookingId: 'bk_other', hotelId: 'htl_1', roomTypeId: 'rt_1', nights: ['2026-03-11'], rooms: 3, expiresAt: '2026-03-01T11:00:00.000Z' }, w.clock());

    // Act
    const error = await holdRooms(w.deps, w.state).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SoldOutError);
    expect(await w.stepOf('hold')).toMatchObject({ status: 'FAILED', error: expect.stringContaining('SoldOutError') });
    expect(w.inventory.night('htl_1', 'rt_1', '2026-03-10')).toMatchObject({ reserved: 0 });
  });

  it('run twice, holds once', async () => {
    const w = await world({ pms: 'generic' });

    await holdRooms(w.deps, w.state);
    w.clock.advance(1_000);
    await holdRooms(w.deps, w.state);

    expect(w.inventory.night('htl_1', 'rt_1', '2026-03-10')).toMatchObject({ reserved: 1 });
    expect(w.pms.holds.size).toBe(1);
    expect((await w.current()).steps.filter((s) => s.name === 'hold')).toHaveLength(1);
  });

  it('without a PMS records the step in the hold\'s own write, and a booking already compensating gets no hold at all', async () => {
    const w = await world();
    await w.bookings.beginCompensation('bk_saga_1', 'the saga was given up', w.clock());

    const error = await holdRooms(w.deps, w.state).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SagaAbandonedError);
    expect(await w.holds.get('bk_saga_1')).toBeUndefined();
    expect(w.inventory.night('htl_1', 'rt_1', '2026-03-10')).toMatchObject({ reserved: 0, remaining: 3 });
  });

  it('without a PMS, run twice after the first hold, keeps the first expiry', async () => {
    const w = await world();

    await holdRooms(w.deps, w.state);
    w.clock.advance(60_000);
    await holdRooms(w.deps, w.state);

    expect(await w.current()).toMatchObject({ holdExpiresAt: '2026-03-01T10:10:00.000Z' });
    expect(w.inventory.night('htl_1', 'rt_1', '2026-03-10')).toMatchObject({ reserved: 1 });
  });

  it('reads the booking item when the execution carries no saga view (older executions)', async () => {
    const w = await world();

    await holdRooms(w.deps, { bookingId: 'bk_saga_1' });

    expect((await w.holds.get('bk_saga_1'))?.rooms).toBe(1);
  });

  it('a PMS hold that fails fails the step, leaving our hold for the compensation to release', async () => {
    const w = await world({ pms: 'generic' });
    w.pms.failures.arm('hold', new PmsUnavailableError('PMS down'));

    const error = await holdRooms(w.deps, w.state).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect(await w.stepOf('hold')).toMatchObject({ status: 'FAILED' });
    expect((await w.holds.get('bk_saga_1'))?.status).toBe('HELD');
  });
});

describe('saga step authorizePayment', () => {
  it('authorizes the server-computed total and records the payment', async () => {
    const w = await world();
    const state = await runUntil(w, 'authorize');

    const result = await authorizePayment(w.deps, state);

    const [payment] = w.payments.paymentsOf('bk_saga_1');
    expect(result).toEqual({ paymentId: payment!.paymentId, confirmed: true });
    expect(payment).toMatchObject({ status: 'AUTHORIZED', amountMinor: 300_000, currency: 'KRW', paymentMethodId: 'pm_card_visa' });
    expect((await w.current()).payment).toEqual({ status: 'AUTHORIZED', paymentId: payment!.paymentId, amountMinor: 300_000, currency: 'KRW' });
    expect(await w.stepOf('authorize')).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('without a PMS also confirms in the same write: the hold converted, the confirmation recorded, and ConfirmReservation then writes nothing', async () => {
    const w = await world();
    const state = await runUntil(w, 'authorize');

    state.payment = await authorizePayment(w.deps, state);
    const writes = vi.spyOn(w.holds, 'convertRecording');
    await confirmReservation(w.deps, state);

    expect((await w.holds.get('bk_saga_1'))?.status).toBe('CONVERTED');
    expect(await w.current()).toMatchObject({ confirmationNumber: 'CONF-SAGA_1', payment: { status: 'AUTHORIZED' } });
    expect(await w.stepOf('confirm')).toMatchObject({ status: 'SUCCEEDED' });
    expect(writes).not.toHaveBeenCalled();
  });

  it('with a PMS records only the authorization: the PMS confirms in its own step', async () => {
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'authorize');

    const result = await authorizePayment(w.deps, state);

    expect(result).toEqual({ paymentId: expect.stringMatching(/^pi_/) });
    expect((await w.holds.get('bk_saga_1'))?.status).toBe('HELD');
    expect(await w.stepOf('confirm')).toBeUndefined();
  });

  it('without a PMS, an authorization answered after the hold expired is voided at once and fails HOLD_EXPIRED', async () => {
    const w = await world();
    const state = await runUntil(w, 'authorize');
    w.clock.set(new Date(Date.parse(NOW) + (HOLD_TTL_SECONDS + 1) * 1000));

    const error = await authorizePayment(w.deps, state).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HoldExpiredError);
    expect(w.payments.paymentsOf('bk_saga_1').map((p) => p.status)).toEqual(['VOIDED']);
    expect((await w.current()).confirmationNumber).toBeUndefined();
    expect(await w.stepOf('authorize')).toMatchObject({ status: 'FAILED' });
  });

  it('run twice, authorizes once', async () => {
    const w = await world();
    const state = await runUntil(w, 'authorize');

    const first = await authorizePayment(w.deps, state);
    const second = await authorizePayment(w.deps, state);

    expect(second).toEqual(first);
    expect(w.payments.paymentsOf('bk_saga_1')).toHaveLength(1);
  });

  it('a declined card fails the step and marks the payment FAILED', async () => {
    const w = await world({ booking: { paymentMethodId: 'pm_card_chargeDeclinedInsufficientFunds' } });
    const state = await runUntil(w, 'authorize');

    const error = await authorizePayment(w.deps, state).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PaymentDeclinedError);
    expect((await w.current()).payment.status).toBe('FAILED');
    expect(await w.stepOf('authorize')).toMatchObject({ status: 'FAILED', error: expect.stringContaining('insufficient funds') });
  });

  it('a gateway outage is rethrown for the state machine to retry', async () => {
    const w = await world();
    const state = await runUntil(w, 'authorize');
    w.payments.failures.arm('authorize', new PaymentUnavailableError('gateway_error'));

    const error = await authorizePayment(w.deps, state).catch((e: unknown) => e);
    const retried = await authorizePayment(w.deps, state);

    expect(error).toBeInstanceOf(PaymentUnavailableError);
    expect(retried.paymentId).toMatch(/^pi_/);
    expect((await w.current()).payment.status).toBe('AUTHORIZED');
  });
});

describe('saga step confirmReservation', () => {
  it('without a PMS converts the hold and confirms with a number derived from the booking id', async () => {
    const w = await world();
    const state = await runUntil(w, 'confirm');

    await confirmReservation(w.deps, state);
    await confirmReservation(w.deps, state);

    expect((await w.holds.get('bk_saga_1'))?.status).toBe('CONVERTED');
    expect((await w.current()).confirmationNumber).toBe(internalConfirmationNumber('bk_saga_1'));
    expect(internalConfirmationNumber('bk_saga_1')).toBe('CONF-SAGA_1');
  });

  it('with a PMS books it under our booking id, with the guest, the PMS room type and the PMS hold', async () => {
    // Prepare
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'confirm');
    const holdId = (await w.current()).pms.holdId;

    // Act
    await confirmReservation(w.deps, state);

    // Assess
    const reservation = w.pms.reservations.get('bk_saga_1')!;
    expect(reservation.request).toEqual({
      externalId: 'bk_saga_1',
      pmsRoomTypeId: 'ocean-double',
      checkIn: '2026-03-10',
      checkOut: '2026-03-12',
      rooms: 1,
      guests: 2,
      guest: w.booking.guestInfo,
      totalMinor: 300_000,
      currency: 'KRW',
      specialRequests: 'Quiet room',
      holdId,
    });
    expect(await w.current()).toMatchObject({
      confirmationNumber: reservation.confirmationNumber,
      pms: { status: 'CONFIRMED', vendor: 'generic', reservationId: reservation.reservationId, confirmationNumber: reservation.confirmationNumber },
    });
  });

  it('refuses HOLD_EXPIRED once the hold ran out, and books nothing in the PMS', async () => {
    // Prepare
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'confirm');
    w.clock.advance(HOLD_TTL_SECONDS * 1000);

    // Act
    const error = await confirmReservation(w.deps, state).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(HoldExpiredError);
    expect(w.pms.reservations.size).toBe(0);
    expect(await w.stepOf('confirm')).toMatchObject({ status: 'FAILED', error: expect.stringContaining('HoldExpiredError') });
    expect((await w.current()).confirmationNumber).toBeUndefined();
  });

  it('a create whose answer was lost fails as an unknown outcome; the settled retry finds the reservation instead of booking again', async () => {
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'confirm');
    w.pms.failures.arm('createReservation', new PmsUnavailableError('no answer'), { executed: true });

    const error = await confirmReservation(w.deps, state).catch((e: unknown) => e);
    await confirmReservation(w.deps, { ...state, settle: { waited: true } });

    expect(error).toBeInstanceOf(PmsOutcomeUnknownError);
    expect(w.pms.callsOf('createReservation')).toHaveLength(1);
    expect(w.pms.reservationsOf('bk_saga_1')).toHaveLength(1);
    expect((await w.current()).pms).toMatchObject({ status: 'CONFIRMED', createAttempts: 1 });
  });
});

describe('saga step confirmReservation: settling a create at a PMS that does not deduplicate', () => {
  /** Cloudbeds and OPERA make a second reservation for a second create; their look-ups may lag. */
  async function laggingWorld() {
    const w = await world({ pms: 'generic' });
    const pms = new FakePmsClient({ vendor: 'generic', clock: w.clock, deduplicatesCreates: false });
    w.pmsClients.register('cfg_1', pms);
    const state = await runUntil({ ...w, pms }, 'confirm');
    return { ...w, pms, state };
  }

  it('does not create again before the settle delay, even when the look-up does not show the first create yet', async () => {
    // Prepare: the create happened, its answer was lost, and the PMS's look-up lags behind it.
    const w = await laggingWorld();
    w.pms.lookupsLag = true;
    w.pms.failures.arm('createReservation', new PmsUnavailableError('timeout'), { executed: true });
    await confirmReservation(w.deps, w.state).catch(() => undefined);

    // Act: the state machine's immediate retry (a Lambda timeout, say) finds nothing.
    const retried = await confirmReservation(w.deps, w.state).catch((e: unknown) => e);

    // Assess: it settles instead of creating: still one reservation in the PMS.
    expect(retried).toBeInstanceOf(PmsOutcomeUnknownError);
    expect(w.pms.callsOf('createReservation')).toHaveLength(1);
    expect(w.pms.reservationsOf('bk_saga_1')).toHaveLength(1);
  });

  it('after the settle delay the look-up shows the first create, which the booking keeps', async () => {
    const w = await laggingWorld();
    w.pms.lookupsLag = true;
    w.pms.failures.arm('createReservation', new PmsUnavailableError('timeout'), { executed: true });
    await confirmReservation(w.deps, w.state).catch(() => undefined);
    w.pms.catchUp();

    await confirmReservation(w.deps, { ...w.state, settle: { waited: true } });

    const [only] = w.pms.reservationsOf('bk_saga_1');
    expect(w.pms.reservationsOf('bk_saga_1')).toHaveLength(1);
    expect((await w.current()).pms).toMatchObject({ status: 'CONFIRMED', reservationId: only!.reservationId });
  });

  it('creates once more only after settling, and never a third time', async () => {
    // Prepare: the first create never reached the PMS (its connection dropped).
    const w = await laggingWorld();
    w.pms.failures.arm('createReservation', new PmsUnavailableError('connection reset'));
    await confirmReservation(w.deps, w.state).catch(() => undefined);

    // Act: settled, nothing found: the second create; then it is lost too, and a retry follows.
    w.pms.failures.arm('createReservation', new PmsUnavailableError('timeout'));
    const second = await confirmReservation(w.deps, { ...w.state, settle: { waited: true } }).catch((e: unknown) => e);
    const third = await confirmReservation(w.deps, { ...w.state, settle: { waited: true } }).catch((e: unknown) => e);

    // Assess
    expect(second).toBeInstanceOf(PmsOutcomeUnknownError);
    expect(third).toBeInstanceOf(PmsOutcomeUnknownError);
    expect(w.pms.callsOf('createReservation')).toHaveLength(2);
    expect((await w.current()).pms.createAttempts).toBe(2);
  });

  it('keeps one of several live reservations with our id and cancels the others', async () => {
    // Prepare: two creates both landed (the first one after the settle look-up).
    const w = await laggingWorld();
    await w.pms.createReservation({ ...(await requestOf(w)), externalId: 'bk_saga_1' });
    await w.pms.createReservation({ ...(await requestOf(w)), externalId: 'bk_saga_1' });

    // Act
    await confirmReservation(w.deps, w.state);

    // Assess
    const statuses = w.pms.reservationsOf('bk_saga_1').map((r) => r.status);
    expect(statuses.sort()).toEqual(['cancelled', 'confirmed']);
    const kept = w.pms.reservationsOf('bk_saga_1').find((r) => r.status === 'confirmed')!;
    expect((await w.current()).pms.reservationId).toBe(kept.reservationId);
  });

  it('of two attempts racing (a retry while a stalled attempt still runs), only the one that claimed the create makes it', async () => {
    // Prepare: attempt A read the booking before attempt B claimed and made the create.
    const w = await laggingWorld();
    const stale = await w.current();
    await w.bookings.claimPmsCreate('bk_saga_1', 0, w.clock());
    vi.spyOn(w.bookings, 'get').mockResolvedValueOnce(stale);

    // Act: A goes on with what it read.
    const error = await confirmReservation(w.deps, w.state).catch((e: unknown) => e);

    // Assess: A's claim was refused, so A made nothing and settles.
    expect(error).toBeInstanceOf(PmsOutcomeUnknownError);
    expect(w.pms.callsOf('createReservation')).toEqual([]);
  });

  it('a create that lands after the booking started compensating is cancelled by the late step itself', async () => {
    // Prepare: the step read the booking, then the compensation began while the PMS was creating.
    const w = await laggingWorld();
    const create = w.pms.createReservation.bind(w.pms);
    vi.spyOn(w.pms, 'createReservation').mockImplementationOnce(async (req) => {
      const made = await create(req);
      await w.bookings.beginCompensation('bk_saga_1', 'confirm timed out', w.clock());
      return made;
    });

    // Act
    const error = await confirmReservation(w.deps, w.state).catch((e: unknown) => e);

    // Assess: refused, the reservation is cancelled, and the booking does not say CONFIRMED.
    expect(error).toBeInstanceOf(SagaAbandonedError);
    expect(w.pms.reservationsOf('bk_saga_1').map((r) => r.status)).toEqual(['cancelled']);
    expect((await w.current()).pms.status).not.toBe('CONFIRMED');
  });

  async function requestOf(w: Awaited<ReturnType<typeof laggingWorld>>) {
    const b = await w.current();
    return { externalId: b.bookingId, pmsRoomTypeId: 'ocean-double', checkIn: b.checkIn, checkOut: b.checkOut, rooms: 1, guests: 2, guest: b.guestInfo, totalMinor: b.totalMinor, currency: b.currency };
  }
});

describe('saga step confirmReservation: HOLD_EXPIRED wherever a hold ran out', () => {
  it('a PMS that refuses sold out after our hold expired answers HOLD_EXPIRED, not SOLD_OUT', async () => {
    const w = await world({ pms: 'cloudbeds' });
    const state = await runUntil(w, 'confirm');
    const expiresAt = (await w.current()).holdExpiresAt!;
    w.pms.failures.arm('createReservation', () => {
      // The create was slow: by the time the PMS answers, our hold has run out.
      w.clock.set(expiresAt);
      return new PmsRejectedError('Room type not available', { reason: 'sold_out' });
    });

    const error = await confirmReservation(w.deps, state).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HoldExpiredError);
  });

  it('a PMS hold that expired is HOLD_EXPIRED', async () => {
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'confirm');
    w.pms.failures.arm('createReservation', new PmsRejectedError('hold expired', { reason: 'hold_expired' }));

    const error = await confirmReservation(w.deps, state).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HoldExpiredError);
  });
});

describe('late forward steps never overwrite a compensated booking', () => {
  it('an authorization answered after compensation began is voided by the step, and the booking keeps VOIDED', async () => {
    // Prepare: the void compensation ran while the authorize answer was still on its way.
    const w = await world();
    const state = await runUntil(w, 'authorize');
    const authorize = w.payments.authorize.bind(w.payments);
    vi.spyOn(w.payments, 'authorize').mockImplementationOnce(async (req) => {
      const made = await authorize(req);
      await voidPayment(w.deps, { ...state, failedStep: 'authorize', error: { Error: 'States.Timeout' } });
      return made;
    });

    // Act
    const error = await authorizePayment(w.deps, state).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(SagaAbandonedError);
    expect(w.payments.paymentsOf('bk_saga_1').map((p) => p.status)).toEqual(['VOIDED']);
    expect((await w.current()).payment.status).toBe('VOIDED');
  });

  it('a capture answered after compensation began is refused at the finalization, whose compensation refunds it', async () => {
    const w = await world();
    const state = await runUntil(w, 'capture');
    await w.bookings.beginCompensation('bk_saga_1', 'capture timed out', w.clock());

    const captured = { ...state, capture: await capturePayment(w.deps, state) };
    const error = await finalizeBooking(w.deps, captured).catch((e: unknown) => e);
    // The state machine catches SagaAbandonedError at FinalizeBooking as a failed capture.
    await voidPayment(w.deps, { ...captured, failedStep: 'capture', error: { Error: 'SagaAbandonedError' } });

    expect(error).toBeInstanceOf(SagaAbandonedError);
    expect(w.payments.paymentsOf('bk_saga_1')[0]).toMatchObject({ status: 'CAPTURED', amountRefundedMinor: 300_000 });
    expect(await w.current()).toMatchObject({ status: 'PENDING', payment: { status: 'REFUNDED' } });
    expect(w.events.events).toEqual([]);
  });

  it('a PMS hold made after compensation began is released by the hold step itself', async () => {
    const w = await world({ pms: 'generic' });
    const hold = w.pms.hold!.bind(w.pms);
    w.pms.hold = async (req) => {
      const made = await hold(req);
      await w.bookings.beginCompensation('bk_saga_1', 'hold timed out', w.clock());
      return made;
    };

    const error = await holdRooms(w.deps, w.state).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SagaAbandonedError);
    expect(w.pms.holds.get('bk_saga_1')?.status).toBe('released');
    expect((await w.current()).pms.status).toBe('NONE');
  });

  it('a failure recorded late does not overwrite the payment a compensation recorded', async () => {
    const w = await world({ booking: { paymentMethodId: 'pm_card_chargeDeclined' } });
    const state = await runUntil(w, 'authorize');
    await w.bookings.beginCompensation('bk_saga_1', 'authorize timed out', w.clock());
    await w.bookings.recordStep('bk_saga_1', undefined, { payment: { status: 'VOIDED' } }, w.clock());

    await authorizePayment(w.deps, state).catch(() => undefined);

    expect((await w.current()).payment.status).toBe('VOIDED');
    expect(await w.stepOf('authorize')).toMatchObject({ status: 'FAILED' });
  });
});

describe('saga step capturePayment', () => {
  it('captures the authorization from the execution state, once however often it runs', async () => {
    const w = await world();
    const state = await runUntil(w, 'capture');

    const first = await capturePayment(w.deps, state);
    w.clock.advance(1000);
    const second = await capturePayment(w.deps, state);

    expect(w.payments.paymentsOf('bk_saga_1')).toEqual([expect.objectContaining({ status: 'CAPTURED', amountCapturedMinor: 300_000 })]);
    expect([first.at, second.at]).toEqual([NOW, '2026-03-01T10:00:01.000Z']);
    // Recorded with the confirmation (FinalizeBooking), not by a write of its own.
    expect((await w.current()).payment.status).toBe('AUTHORIZED');
    await finalizeBooking(w.deps, { ...state, capture: first });
    expect(await w.current()).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' } });
    expect(await w.stepOf('capture')).toEqual({ name: 'capture', status: 'SUCCEEDED', at: NOW });
  });

  it('finds the payment on the booking when the execution state lacks it', async () => {
    const w = await world();
    const { payment: _payment, ...state } = await runUntil(w, 'capture');

    await capturePayment(w.deps, state);

    expect(w.payments.paymentsOf('bk_saga_1')[0]?.status).toBe('CAPTURED');
  });

  it('refuses to capture without an authorization', async () => {
    const w = await world();

    const error = await capturePayment(w.deps, { bookingId: 'bk_saga_1' }).catch((e: unknown) => e);

    expect((error as Error).message).toBe('Capture without an authorization');
    expect(await w.stepOf('capture')).toMatchObject({ status: 'FAILED' });
    expect(w.payments.callsOf('capture')).toEqual([]);
  });

  it('a gateway outage fails the step and leaves the money held, not taken', async () => {
    const w = await world();
    const state = await runUntil(w, 'capture');
    w.payments.failures.arm('capture', new PaymentUnavailableError('timeout'));

    const error = await capturePayment(w.deps, state).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PaymentUnavailableError);
    expect(w.payments.paymentsOf('bk_saga_1')[0]?.status).toBe('AUTHORIZED');
    expect((await w.current()).payment.status).toBe('AUTHORIZED');
  });
});

describe('confirmation of a hotel without a PMS', () => {
  it('without a PMS, an authorization answered after compensation began converts nothing and is voided', async () => {
    const w = await world();
    const state = await runUntil(w, 'authorize');
    await w.bookings.beginCompensation('bk_saga_1', 'authorize timed out', w.clock());

    const error = await authorizePayment(w.deps, state).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SagaAbandonedError);
    expect((await w.holds.get('bk_saga_1'))?.status).toBe('HELD');
    expect((await w.current()).confirmationNumber).toBeUndefined();
    expect(w.payments.paymentsOf('bk_saga_1').map((p) => p.status)).toEqual(['VOIDED']);
  });

  it('an execution whose authorization did not confirm (started before it did) still confirms in ConfirmReservation', async () => {
    const w = await world();
    const state = await runUntil(w, 'authorize');
    // The authorization as it was recorded before it also confirmed.
    const auth = await w.payments.authorize({ bookingId: 'bk_saga_1', amountMinor: 300_000, currency: 'KRW', paymentMethodId: 'pm_card_visa', description: 'Booking bk_saga_1' });
    await w.bookings.advance('bk_saga_1', { name: 'authorize', status: 'SUCCEEDED', at: NOW }, { payment: { status: 'AUTHORIZED', paymentId: auth.paymentId } }, w.clock());
    expect((await w.holds.get('bk_saga_1'))?.status).toBe('HELD');

    await confirmReservation(w.deps, { ...state, payment: { paymentId: auth.paymentId } });

    expect((await w.holds.get('bk_saga_1'))?.status).toBe('CONVERTED');
    expect(await w.current()).toMatchObject({ confirmationNumber: 'CONF-SAGA_1' });
    expect(await w.stepOf('confirm')).toMatchObject({ status: 'SUCCEEDED' });
  });
});

describe('saga step finalizeBooking', () => {
  it('confirms the booking and publishes booking.confirmed without guest details', async () => {
    // Prepare
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'finalize');

    // Act
    await finalizeBooking(w.deps, state);

    // Assess
    const booking = await w.current();
    expect(booking.status).toBe('CONFIRMED');
    expect(w.events.events).toEqual([
      {
        type: 'booking.confirmed',
        detail: {
          bookingId: 'bk_saga_1',
          hotelId: 'htl_1',
          roomTypeId: 'rt_1',
          checkIn: '2026-03-10',
          checkOut: '2026-03-12',
          rooms: 1,
          totalMinor: 300_000,
          currency: 'KRW',
          confirmationNumber: booking.confirmationNumber,
          occurredAt: '2026-03-01T10:00:00.000Z',
          version: BOOKING_EVENT_VERSION,
        },
      },
    ]);
    expect(JSON.stringify(w.events.events)).not.toContain(w.booking.guestInfo.email);
  });

  it('a publish that fails fails the step after the booking is confirmed, so a retry only republishes', async () => {
    const w = await world();
    const state = await runUntil(w, 'finalize');
    w.events.failures.arm('publish', new Error('PutEvents failed'));

    const error = await finalizeBooking(w.deps, state).catch((e: unknown) => e);
    await finalizeBooking(w.deps, state);

    expect(error).toBeInstanceOf(Error);
    expect((await w.current()).status).toBe('CONFIRMED');
    expect(w.events.ofType('booking.confirmed')).toHaveLength(1);
  });
});

describe('saga compensation cancelPmsReservation', () => {
  it('finds the reservation by our booking id and cancels it', async () => {
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'capture');
    const reservationId = w.pms.reservations.get('bk_saga_1')!.reservationId;

    await cancelPmsReservation(w.deps, { ...state, failedStep: 'capture' });

    expect(w.pms.callsOf('findReservationsByExternalId')).toContainEqual(['bk_saga_1']);
    expect(w.pms.callsOf('cancelReservation')).toEqual([[reservationId]]);
    expect(w.pms.reservations.get('bk_saga_1')?.status).toBe('cancelled');
    expect((await w.current()).pms.status).toBe('CANCELLED');
    expect(await w.stepOf('cancelPms')).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('cancels a reservation the PMS made although our create timed out (the booking never learnt its id)', async () => {
    // Prepare: the create went through in the PMS, but we never recorded it.
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'confirm');
    w.pms.failures.arm('createReservation', new PmsUnavailableError('no answer'), { executed: true });
    await confirmReservation(w.deps, state).catch(() => undefined);
    expect((await w.current()).pms.reservationId).toBeUndefined();

    // Act
    await cancelPmsReservation(w.deps, { ...state, failedStep: 'confirm' });

    // Assess
    expect(w.pms.reservations.get('bk_saga_1')?.status).toBe('cancelled');
  });

  it('with nothing booked in the PMS (or a reservation already cancelled) cancels nothing', async () => {
    const w = await world({ pms: 'generic' });

    await cancelPmsReservation(w.deps, { bookingId: 'bk_saga_1' });

    expect(w.pms.callsOf('cancelReservation')).toEqual([]);
    expect((await w.current()).pms.status).toBe('NONE');
    expect(await w.stepOf('cancelPms')).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('does not cancel a reservation that is already cancelled', async () => {
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'capture');
    w.pms.reservations.get('bk_saga_1')!.status = 'cancelled';

    await cancelPmsReservation(w.deps, state);

    expect(w.pms.callsOf('cancelReservation')).toEqual([]);
    expect((await w.current()).pms.status).toBe('CANCELLED');
  });

  it('cancels every live reservation carrying our booking id, duplicates included, not only the one recorded', async () => {
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'capture');
    w.pms.plant({ reservationId: 'R-DUP', externalId: 'bk_saga_1', status: 'confirmed' });
    w.pms.plant({ reservationId: 'R-OTHER', externalId: 'bk_someone_else', status: 'confirmed' });

    await cancelPmsReservation(w.deps, { ...state, failedStep: 'capture' });

    expect(w.pms.reservationsOf('bk_saga_1').map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(w.pms.reservationsOf('bk_someone_else').map((r) => r.status)).toEqual(['confirmed']);
  });

  it('still cancels in a PMS whose config an admin turned off meanwhile', async () => {
    const w = await world({ pms: 'generic' });
    const state = await runUntil(w, 'capture');
    const config = (await w.configs.findByHotel('htl_1'))!;
    await w.configs.put({ ...config, isActive: false });

    await cancelPmsReservation(w.deps, { ...state, failedStep: 'capture' });

    expect(w.pms.reservationsOf('bk_saga_1').map((r) => r.status)).toEqual(['cancelled']);
  });

  it('marks the booking as compensating before anything is undone, and refuses a CONFIRMED booking', async () => {
    const w = await world({ pms: 'generic' });
    await cancelPmsReservation(w.deps, { bookingId: 'bk_saga_1', failedStep: 'confirm' });
    expect((await w.current()).compensation).toEqual({ since: NOW, reason: 'confirm failed' });

    const confirmed = await world({ pms: 'generic', booking: { status: 'CONFIRMED' } });
    const error = await cancelPmsReservation(confirmed.deps, { bookingId: 'bk_saga_1' }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('CONFIRMED');
    expect(confirmed.pms.calls).toEqual([]);
  });

  it('a hotel without a PMS needs no call at all', async () => {
    const w = await world();
    const forHotel = vi.spyOn(w.pmsClients, 'forHotel');

    await cancelPmsReservation(w.deps, { bookingId: 'bk_saga_1' });

    expect(forHotel).not.toHaveBeenCalled();
    expect(await w.stepOf('cancelPms')).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('a PMS that is down fails the compensation (the state machine retries it, then escalates)', async () => {
    const w = await world({ pms: 'generic' });
    w.pms.failures.arm('findReservationsByExternalId', new PmsUnavailableError('down'));

    const error = await cancelPmsReservation(w.deps, { bookingId: 'bk_saga_1' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect(await w.stepOf('cancelPms')).toMatchObject({ status: 'FAILED' });
  });
});

describe('saga compensation voidPayment', () => {
  it('voids the authorization the gateway holds for the booking, once however often it runs', async () => {
    const w = await world();
    const state = await runUntil(w, 'confirm');
    const { paymentId } = state.payment!;

    await voidPayment(w.deps, { ...state, failedStep: 'confirm' });
    await voidPayment(w.deps, { ...state, failedStep: 'confirm' });

    expect(w.payments.payments.get(paymentId)?.status).toBe('VOIDED');
    expect(w.payments.callsOf('void')).toHaveLength(1);
    expect((await w.current()).payment).toMatchObject({ status: 'VOIDED', paymentId });
  });

  it('leaves a declined payment alone: the gateway said no, nothing is held, and it is not asked again', async () => {
    const w = await world({ booking: { paymentMethodId: 'pm_card_chargeDeclined' } });
    const state = await runUntil(w, 'authorize');
    await authorizePayment(w.deps, state).catch(() => undefined);
    const callsBefore = w.payments.calls.length;

    await voidPayment(w.deps, { ...state, failedStep: 'authorize', error: { Error: 'PaymentDeclinedError' } });

    expect(w.payments.calls.length).toBe(callsBefore);
    expect(await w.stepOf('voidPayment')).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('never asks the gateway when authorize never ran (the hold step failed)', async () => {
    const w = await world();

    await voidPayment(w.deps, { bookingId: 'bk_saga_1', failedStep: 'hold' });

    expect(w.payments.calls).toEqual([]);
  });

  it('voids an authorization the booking never recorded (the answer was lost), found at the gateway', async () => {
    // Prepare: the gateway authorized, but the answer never reached the step.
    const w = await world();
    const state = await runUntil(w, 'authorize');
    w.payments.failures.arm('authorize', () => new PaymentUnavailableError('timeout'), { executed: true, times: 1 });
    await authorizePayment(w.deps, state).catch(() => undefined);
    expect((await w.current()).payment.paymentId).toBeUndefined();

    // Act
    await voidPayment(w.deps, { ...state, failedStep: 'authorize', error: { Error: 'PaymentUnavailableError' } });

    // Assess
    const [payment] = w.payments.paymentsOf('bk_saga_1');
    expect(payment?.status).toBe('VOIDED');
    expect((await w.current()).payment).toMatchObject({ status: 'VOIDED', paymentId: payment!.paymentId });
  });

  it('refunds money a capture took although the capture step failed (its answer was lost)', async () => {
    const w = await world();
    const state = await runUntil(w, 'capture');
    w.payments.failures.arm('capture', () => new PaymentUnavailableError('timeout'), { executed: true, times: 1 });
    await capturePayment(w.deps, state).catch(() => undefined);

    await voidPayment(w.deps, { ...state, failedStep: 'capture' });

    expect(w.payments.paymentsOf('bk_saga_1')[0]).toMatchObject({ status: 'CAPTURED', amountRefundedMinor: 300_000 });
    expect((await w.current()).payment.status).toBe('REFUNDED');
  });

  it('a gateway it cannot ask fails the compensation (the state machine retries, then escalates)', async () => {
    const w = await world();
    const state = await runUntil(w, 'confirm');
    w.payments.failures.arm('find', new PaymentUnavailableError('gateway_error'));

    const error = await voidPayment(w.deps, { ...state, failedStep: 'confirm' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PaymentUnavailableError);
    expect(await w.stepOf('voidPayment')).toMatchObject({ status: 'FAILED' });
  });
});

describe('saga compensation releaseHold', () => {
  it('gives the rooms back with the failed step as the reason', async () => {
    const w = await world();
    await runUntil(w, 'authorize');

    await releaseHold(w.deps, { bookingId: 'bk_saga_1', failedStep: 'authorize' });
    await releaseHold(w.deps, { bookingId: 'bk_saga_1', failedStep: 'authorize' });

    expect(await w.holds.get('bk_saga_1')).toMatchObject({ status: 'RELEASED', releaseReason: 'saga: authorize failed' });
    expect(w.inventory.night('htl_1', 'rt_1', '2026-03-10')).toMatchObject({ reserved: 0, remaining: 3 });
    expect(await w.stepOf('releaseHold')).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('also releases the PMS hold, and the booking no longer shows it HELD', async () => {
    const w = await world({ pms: 'generic' });
    await runUntil(w, 'authorize');

    await releaseHold(w.deps, { bookingId: 'bk_saga_1', failedStep: 'authorize' });

    expect(w.pms.holds.get('bk_saga_1')?.status).toBe('released');
    expect((await w.current()).pms.status).toBe('NONE');
  });

  it('succeeds when there was never a hold (the hold step failed)', async () => {
    const w = await world();

    await releaseHold(w.deps, { bookingId: 'bk_saga_1', failedStep: 'hold' });

    expect(await w.stepOf('releaseHold')).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('a PMS release that fails fails the step before our rooms move, so the retry does both', async () => {
    const w = await world({ pms: 'generic' });
    await runUntil(w, 'authorize');
    w.pms.failures.arm('release', new PmsUnavailableError('down'));

    const error = await releaseHold(w.deps, { bookingId: 'bk_saga_1', failedStep: 'authorize' }).catch((e: unknown) => e);
    await releaseHold(w.deps, { bookingId: 'bk_saga_1', failedStep: 'authorize' });

    expect(error).toBeInstanceOf(PmsUnavailableError);
    expect(w.pms.holds.get('bk_saga_1')?.status).toBe('released');
    expect((await w.holds.get('bk_saga_1'))?.status).toBe('RELEASED');
  });
});

describe('saga settle: markFailed', () => {
  it.each([
    ['SoldOutError', 'hold', 'SOLD_OUT'],
    ['PmsRejectedError', 'confirm', 'SOLD_OUT'],
    ['PaymentDeclinedError', 'authorize', 'PAYMENT_DECLINED'],
    ['HoldExpiredError', 'confirm', 'HOLD_EXPIRED'],
    ['PaymentUnavailableError', 'authorize', 'PAYMENT_UNAVAILABLE'],
    ['PmsRateLimitedError', 'confirm', 'PMS_UNAVAILABLE'],
    ['States.Timeout', 'capture', 'PAYMENT_UNAVAILABLE'],
    ['Lambda.ServiceException', 'confirm', 'PMS_UNAVAILABLE'],
    // Issue 12: a hold that outlives its Task (storage stalled) or finds DynamoDB down answers 503, not 500.
    ['States.Timeout', 'hold', 'STORAGE_UNAVAILABLE'],
    ['StorageUnavailableError', 'hold', 'STORAGE_UNAVAILABLE'],
    ['Lambda.ServiceException', 'hold', 'INTERNAL_ERROR'],
  ] as const)('%s at %s marks the booking FAILED with %s', async (errorName, failedStep, code) => {
    const w = await world();

    await markFailed(w.deps, { bookingId: 'bk_saga_1', failedStep, error: { Error: errorName, Cause: '...' } });

    expect(await w.current()).toMatchObject({ status: 'FAILED', failureCode: code });
  });

  it('never turns a CONFIRMED booking into FAILED', async () => {
    const w = await world({ booking: { status: 'CONFIRMED' } });

    await markFailed(w.deps, { bookingId: 'bk_saga_1', failedStep: 'finalize', error: { Error: 'States.Timeout' } });

    expect((await w.current()).status).toBe('CONFIRMED');
  });
});

describe('saga settle: escalate', () => {
  it('sends the saga state to the dead-letter queue, naming the failed compensations, and marks NEEDS_ATTENTION', async () => {
    // Prepare
    const w = await world();
    const state: SagaState = {
      bookingId: 'bk_saga_1',
      failedStep: 'capture',
      error: { Error: 'PaymentUnavailableError', Cause: 'gateway down' },
      voidPaymentError: { Error: 'PaymentUnavailableError', Cause: 'still down' },
      cancelPmsError: { Error: 'PmsUnavailableError' },
    };
    w.clock.advance(42_000);

    // Act
    await escalate(w.deps, state);

    // Assess
    expect(w.deadLetters.letters).toEqual([
      { bookingId: 'bk_saga_1', reason: 'Compensation failed: cancelPms, voidPayment', state, at: '2026-03-01T10:00:42.000Z' },
    ]);
    expect(await w.current()).toMatchObject({ status: 'NEEDS_ATTENTION', failureCode: 'PAYMENT_UNAVAILABLE' });
  });

  it('says that nothing was undone when no compensation failed (a step failed after the money moved)', async () => {
    const w = await world();

    await escalate(w.deps, { bookingId: 'bk_saga_1', failedStep: 'finalize', error: { Error: 'States.Timeout' } });

    expect(w.deadLetters.letters[0]?.reason).toBe('Step finalize failed after the money moved; nothing was undone');
    expect((await w.current()).status).toBe('NEEDS_ATTENTION');
  });

  it('a dead letter that cannot be sent fails the step and changes nothing, so the retry sends it', async () => {
    const w = await world();
    w.deadLetters.failures.arm('send', new Error('SQS down'));

    const error = await escalate(w.deps, { bookingId: 'bk_saga_1', failedStep: 'capture' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect(w.deadLetters.letters).toEqual([]);
    expect((await w.current()).status).toBe('PENDING');
  });
});
