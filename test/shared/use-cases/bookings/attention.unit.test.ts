import { describe, expect, it } from 'vitest';
import { BookingNotInAttentionError } from '../../../../shared/domain/attention-errors.ts';
import type { Booking } from '../../../../shared/domain/booking.ts';
import { PaymentUnavailableError } from '../../../../shared/domain/payment-errors.ts';
import { PmsUnavailableError } from '../../../../shared/domain/pms-errors.ts';
import { getAttention, resolveBooking, retryCompensation } from '../../../../shared/use-cases/bookings/attention.use-cases.ts';
import {
  authorizePayment,
  cancelPmsReservation,
  confirmReservation,
  escalate,
  holdRooms,
  releaseHold,
  sagaBookingOf,
  voidPayment,
  type SagaState,
} from '../../../../shared/use-cases/checkout/saga-steps.use-cases.ts';
import { FakeBookingRepository } from '../../../support/fakes/booking.repository.fake.ts';
import { fakeClock } from '../../../support/fakes/clock.fake.ts';
import { RecordingDeadLetterQueue } from '../../../../shared/adapters/dead-letters/recording-dead-letter-queue.ts';
import { FakeDeadLetterQueue, FakeDeadLetterStore } from '../../../support/fakes/dead-letter.fake.ts';
import { FakeEventPublisher } from '../../../support/fakes/event-publisher.fake.ts';
import { FakeHoldRepository } from '../../../support/fakes/hold.repository.fake.ts';
import { FakeHotelCatalog } from '../../../support/fakes/hotel-catalog.repository.fake.ts';
import { FakeInventory } from '../../../support/fakes/inventory.repository.fake.ts';
import { FakePaymentGateway } from '../../../support/fakes/payment-gateway.fake.ts';
import { FakePmsClient } from '../../../support/fakes/pms-client.fake.ts';
import { FakePmsClients } from '../../../support/fakes/pms-clients.fake.ts';
import { FakePmsConfigRepository } from '../../../support/fakes/pms-config.repository.fake.ts';
import { aBooking, aHotel, aPmsConfig, aRoomType, nights } from '../../../support/fixtures.ts';

const CREATED = '2026-03-01T10:00:00.000Z';
const SEALED = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };
const ADMIN = 'admin-sub-1';

/**
 * A booking whose capture failed and whose PMS cancellation then failed after its retries: the
 * payment was voided and the rooms released, the PMS reservation is still live, the booking is
 * NEEDS_ATTENTION with a dead letter (what the state machine leaves).
 */
async function escalatedBooking() {
  const clock = fakeClock(CREATED);
  const bookings = new FakeBookingRepository();
  const inventory = new FakeInventory();
  const holds = new FakeHoldRepository(inventory, bookings);
  const catalog = new FakeHotelCatalog();
  const configs = new FakePmsConfigRepository();
  const pmsClients = new FakePmsClients(configs);
  const payments = new FakePaymentGateway();
  const pms = new FakePmsClient({ vendor: 'cloudbeds', clock });
  catalog.seed({ hotel: aHotel({ hotelId: 'htl_1', pms: { vendor: 'cloudbeds', pmsHotelId: 'pms-hotel-1' } }), roomTypes: [aRoomType({ hotelId: 'htl_1', roomTypeId: 'rt_1', pmsRoomTypeId: 'ocean-double' })] });
  inventory.seed(nights('htl_1', 'rt_1', '2026-03-10', '2026-03-11', 3));
  pms.setNights([
    { pmsRoomTypeId: 'ocean-double', date: '2026-03-10', total: 3, available: 3, priceMinor: 150_000, currency: 'KRW' },
    { pmsRoomTypeId: 'ocean-double', date: '2026-03-11', total: 3, available: 3, priceMinor: 150_000, currency: 'KRW' },
  ]);
  await configs.put(aPmsConfig({ configId: 'cfg_1', hotelId: 'htl_1', vendor: 'cloudbeds', pmsHotelId: 'pms-hotel-1', apiBaseUrl: 'https://pms.example', credentials: SEALED }));
  pmsClients.register('cfg_1', pms);
  const booking = aBooking({ bookingId: 'bk_att_1', hotelId: 'htl_1', roomTypeId: 'rt_1', checkIn: '2026-03-10', checkOut: '2026-03-12', createdAt: CREATED, pms: { status: 'NONE', vendor: 'cloudbeds' } });
  bookings.seed(booking);
  const letters = new FakeDeadLetterStore();
  const deadLetters = new RecordingDeadLetterQueue(letters, new FakeDeadLetterQueue(), async (id) => (await bookings.get(id))?.hotelId);
  const stepDeps = { bookings, holds, catalog, inventory, payments, pms: pmsClients, events: new FakeEventPublisher(), deadLetters, clock, holdTtlSeconds: 180 };
  const state: SagaState = { bookingId: booking.bookingId, booking: sagaBookingOf(booking), failedStep: 'capture', error: { Error: 'PaymentUnavailableError' } };
  await holdRooms(stepDeps, state);
  state.payment = await authorizePayment(stepDeps, state);
  await confirmReservation(stepDeps, state);
  pms.failures.arm('cancelReservation', new PmsUnavailableError('PMS down'));
  state.cancelPmsError = await cancelPmsReservation(stepDeps, state).then(
    () => undefined,
    (e: Error) => ({ Error: e.name, Cause: e.message }),
  );
  await voidPayment(stepDeps, state);
  await releaseHold(stepDeps, state);
  await escalate(stepDeps, state);
  clock.set(new Date(Date.parse(CREATED) + 3_600_000));
  const deps = { bookings, holds, payments, pms: pmsClients, deadLetters: letters, clock };
  const current = async (): Promise<Booking> => (await bookings.get(booking.bookingId))!;
  return { clock, bookings, payments, pms, letters, deps, current, bookingId: booking.bookingId };
}

describe('Needs attention: retry-compensation', () => {
  it('re-runs only the compensation that failed, deciding from the PMS, and closes the booking FAILED with who did it', async () => {
    // Prepare
    const w = await escalatedBooking();
    const before = await w.current();
    const voidsBefore = w.payments.calls.filter((c) => c.operation === 'void').length;

    // Act
    const result = await retryCompensation(w.deps, { bookingId: w.bookingId, by: ADMIN });

    // Assess
    expect(before.status).toBe('NEEDS_ATTENTION');
    expect(result).toMatchObject({ outcome: 'RESOLVED', ran: [{ name: 'cancelPms', status: 'SUCCEEDED' }] });
    expect(w.pms.reservationsOf(w.bookingId).map((r) => r.status)).toEqual(['cancelled']);
    expect(w.payments.calls.filter((c) => c.operation === 'void')).toHaveLength(voidsBefore);
    const after = await w.current();
    expect(after).toMatchObject({
      status: 'FAILED',
      resolution: { via: 'retry-compensation', by: ADMIN, at: w.clock().toISOString(), note: expect.stringContaining('cancelPms') },
    });
    expect(after.steps.find((s) => s.name === 'retryCompensation')).toMatchObject({ status: 'SUCCEEDED', by: ADMIN });
    expect(after.steps.find((s) => s.name === 'voidPayment')?.at).toBe(CREATED);
  });

  it('resolves the dead letter the escalation recorded, with the booking\'s resolution, and only once resolved', async () => {
    const w = await escalatedBooking();
    w.pms.failures.arm('cancelReservation', new PmsUnavailableError('still down'));
    const escalated = w.letters.all();

    await retryCompensation(w.deps, { bookingId: w.bookingId, by: ADMIN });
    const whileFailing = w.letters.all();
    await retryCompensation(w.deps, { bookingId: w.bookingId, by: ADMIN });

    expect(escalated).toEqual([
      expect.objectContaining({ bookingId: w.bookingId, hotelId: 'htl_1', kind: 'checkout', status: 'open', failures: [{ step: 'capture', error: 'PaymentUnavailableError' }, { step: 'cancelPms', error: expect.stringContaining('PMS down') }] }),
    ]);
    expect(whileFailing.map((l) => l.status)).toEqual(['open']);
    expect(w.letters.all()).toEqual([expect.objectContaining({ status: 'resolved', resolution: { via: 'retry-compensation', by: ADMIN, at: w.clock().toISOString() } })]);
  });

  it('marks the letters again on a repeat when the first marking failed after the booking was closed', async () => {
    const w = await escalatedBooking();
    w.letters.failures.arm('resolveForBooking', new Error('DynamoDB unreachable'));

    const first = await retryCompensation(w.deps, { bookingId: w.bookingId, by: ADMIN }).catch((e: unknown) => e);
    const afterFailure = w.letters.all().map((l) => l.status);
    const repeat = await retryCompensation(w.deps, { bookingId: w.bookingId, by: ADMIN });

    expect(first).toBeInstanceOf(Error);
    expect((await w.current()).resolution?.via).toBe('retry-compensation');
    expect(afterFailure).toEqual(['open']);
    expect(repeat.outcome).toBe('ALREADY_RESOLVED');
    expect(w.letters.all().map((l) => l.status)).toEqual(['resolved']);
  });

  it('keeps the booking NEEDS_ATTENTION while a compensation still fails, records the attempt, and never undoes twice once resolved', async () => {
    const w = await escalatedBooking();
    w.pms.failures.arm('cancelReservation', new PmsUnavailableError('still down'));

    const stillFailing = await retryCompensation(w.deps, { bookingId: w.bookingId, by: ADMIN });
    const whileFailing = await w.current();
    const resolved = await retryCompensation(w.deps, { bookingId: w.bookingId, by: 'admin-sub-2' });
    const pmsCallsAfterResolve = w.pms.calls.length;
    const again = await retryCompensation(w.deps, { bookingId: w.bookingId, by: ADMIN });

    expect(stillFailing).toMatchObject({ outcome: 'STILL_FAILING', ran: [{ name: 'cancelPms', status: 'FAILED', error: expect.stringContaining('still down') }] });
    expect(whileFailing.status).toBe('NEEDS_ATTENTION');
    expect(whileFailing.steps.find((s) => s.name === 'retryCompensation')).toMatchObject({ status: 'FAILED', by: ADMIN, error: expect.stringContaining('cancelPms') });
    expect(resolved.outcome).toBe('RESOLVED');
    expect(again).toMatchObject({ outcome: 'ALREADY_RESOLVED', ran: [], booking: { resolution: { by: 'admin-sub-2' } } });
    expect(w.pms.calls.length).toBe(pmsCallsAfterResolve);
  });

  it('refuses a booking that never needed attention with BOOKING_NOT_IN_ATTENTION and changes nothing', async () => {
    const w = await escalatedBooking();
    w.bookings.seed(aBooking({ bookingId: 'bk_ok', status: 'CONFIRMED', createdAt: CREATED }));
    const before = await w.bookings.get('bk_ok');

    const error = await retryCompensation(w.deps, { bookingId: 'bk_ok', by: ADMIN }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BookingNotInAttentionError);
    expect((error as BookingNotInAttentionError).code).toBe('BOOKING_NOT_IN_ATTENTION');
    expect(await w.bookings.get('bk_ok')).toEqual(before);
  });
});

describe('Needs attention: resolve', () => {
  it('closes the booking FAILED with the note and who wrote it; the first resolution stands and nothing is undone afterwards', async () => {
    const w = await escalatedBooking();
    const pmsCalls = w.pms.calls.length;

    const first = await resolveBooking(w.deps, { bookingId: w.bookingId, by: ADMIN, note: 'Cancelled R-1 in Cloudbeds by hand.' });
    const second = await resolveBooking(w.deps, { bookingId: w.bookingId, by: 'admin-sub-2', note: 'Another note' });
    const retry = await retryCompensation(w.deps, { bookingId: w.bookingId, by: ADMIN });

    expect(first).toMatchObject({ outcome: 'RESOLVED', booking: { status: 'FAILED', resolution: { via: 'resolve', by: ADMIN, note: 'Cancelled R-1 in Cloudbeds by hand.' } } });
    expect(first.booking.steps.find((s) => s.name === 'resolve')).toMatchObject({ status: 'SUCCEEDED', by: ADMIN, note: 'Cancelled R-1 in Cloudbeds by hand.' });
    expect(second).toMatchObject({ outcome: 'ALREADY_RESOLVED', booking: { resolution: { by: ADMIN, note: 'Cancelled R-1 in Cloudbeds by hand.' } } });
    expect(retry.outcome).toBe('ALREADY_RESOLVED');
    expect(w.pms.calls.length).toBe(pmsCalls);
    expect(w.letters.all()).toEqual([expect.objectContaining({ status: 'resolved', resolution: { via: 'resolve', by: ADMIN, at: w.clock().toISOString() } })]);
  });

  it('refuses a PENDING booking (its saga or the recovery job owns it)', async () => {
    const w = await escalatedBooking();
    w.bookings.seed(aBooking({ bookingId: 'bk_pending', status: 'PENDING', createdAt: CREATED }));

    await expect(resolveBooking(w.deps, { bookingId: 'bk_pending', by: ADMIN, note: 'n' })).rejects.toBeInstanceOf(BookingNotInAttentionError);
    expect((await w.bookings.get('bk_pending'))?.status).toBe('PENDING');
    expect(w.letters.all().map((l) => l.status)).toEqual(['open']);
  });
});

describe('Needs attention: what is still held', () => {
  it('asks the PMS, the gateway and the hold: the live reservation, no money, no rooms; what a retry would re-run', async () => {
    const w = await escalatedBooking();

    const view = await getAttention(w.deps, w.bookingId);

    expect(view.unsettled).toEqual(['cancelPms']);
    expect(view.failures.map((f) => f.name)).toEqual(['cancelPms']);
    expect(view.held.pmsReservations).toEqual({ reachable: true, items: [expect.objectContaining({ externalId: w.bookingId, status: 'confirmed' })] });
    expect(view.held.payments).toEqual({ reachable: true, items: [] });
    expect(view.held.rooms).toBeUndefined();
  });

  it('says which source could not be asked instead of failing the page', async () => {
    const w = await escalatedBooking();
    w.payments.failures.arm('find', new PaymentUnavailableError('gateway_error'));

    const view = await getAttention(w.deps, w.bookingId);

    expect(view.held.payments).toEqual({ reachable: false, error: expect.stringContaining('PaymentUnavailableError') });
    expect(view.held.pmsReservations).toMatchObject({ reachable: true });
  });
});
