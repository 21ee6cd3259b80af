import { describe, expect, it } from 'vitest';
import type { Booking } from '../../../../shared/domain/booking.ts';
import {
  authorizePayment,
  cancelPmsReservation,
  capturePayment,
  confirmReservation,
  finalizeBooking,
  holdRooms,
  markFailed,
  releaseHold,
  sagaBookingOf,
  voidPayment,
  type SagaState,
} from '../../../../shared/use-cases/checkout/saga-steps.use-cases.ts';
import { recoverStaleBookings } from '../../../../shared/use-cases/checkout/recover-stale-bookings.use-case.ts';
import { executionNameFor, recoveryExecutionNameFor } from '../../../../shared/use-cases/checkout/saga-execution.ts';
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
import { FakeSagaExecutions, FakeSagaStarter } from '../../../support/fakes/saga-starter.fake.ts';
import { aBooking, aHotel, aPmsConfig, aRoomType, nights } from '../../../support/fixtures.ts';

const CREATED = '2026-03-01T10:00:00.000Z';
const BUDGET = 900;
const GRACE = 120;
const SEALED = { v: 1 as const, wrappedKey: 'w', keyId: 'fake', iv: 'i', tag: 't', ciphertext: 'c' };

/**
 * A booking whose saga ran up to (not including) `until` and then died, with everything the
 * recovery job reads: the booking, the hold and its nights, the gateway, a PMS that does not
 * deduplicate creates, and the state machine's executions.
 */
async function deadSaga(options: { until: 'authorize' | 'confirm' | 'capture' | 'finalize'; pms?: boolean; execution?: 'RUNNING' | 'ABORTED' | 'TIMED_OUT' | 'NOT_FOUND' }) {
  const clock = fakeClock(CREATED);
  const bookings = new FakeBookingRepository();
  const inventory = new FakeInventory();
  const holds = new FakeHoldRepository(inventory, bookings);
  const catalog = new FakeHotelCatalog();
  const configs = new FakePmsConfigRepository();
  const pmsClients = new FakePmsClients(configs);
  const payments = new FakePaymentGateway();
  const events = new FakeEventPublisher();
  const deadLetters = new FakeDeadLetterQueue();
  const saga = new FakeSagaStarter();
  const executions = new FakeSagaExecutions(saga);
  const pms = new FakePmsClient({ vendor: 'cloudbeds', clock, deduplicatesCreates: false });
  catalog.seed({
    hotel: aHotel({ hotelId: 'htl_1', ...(options.pms ? { pms: { vendor: 'cloudbeds', pmsHotelId: 'pms-hotel-1' } } : {}) }),
    roomTypes: [aRoomType({ hotelId: 'htl_1', roomTypeId: 'rt_1', ...(options.pms ? { pmsRoomTypeId: 'ocean-double' } : {}) })],
  });
  inventory.seed(nights('htl_1', 'rt_1', '2026-03-10', '2026-03-11', 3));
  pms.setNights([
    { pmsRoomTypeId: 'ocean-double', date: '2026-03-10', total: 3, available: 3, priceMinor: 150_000, currency: 'KRW' },
    { pmsRoomTypeId: 'ocean-double', date: '2026-03-11', total: 3, available: 3, priceMinor: 150_000, currency: 'KRW' },
  ]);
  if (options.pms) {
    await configs.put(aPmsConfig({ configId: 'cfg_1', hotelId: 'htl_1', vendor: 'cloudbeds', pmsHotelId: 'pms-hotel-1', apiBaseUrl: 'https://pms.example', credentials: SEALED }));
    pmsClients.register('cfg_1', pms);
  }
  const booking = aBooking({ bookingId: 'bk_dead_1', idempotencyKey: 'keyhash-dead-1', hotelId: 'htl_1', roomTypeId: 'rt_1', checkIn: '2026-03-10', checkOut: '2026-03-12', createdAt: CREATED, ...(options.pms ? { pms: { status: 'NONE', vendor: 'cloudbeds' } } : {}) });
  bookings.seed(booking);
  const name = executionNameFor(booking.idempotencyKey);
  if (options.execution !== 'NOT_FOUND') {
    await saga.start(name, { bookingId: booking.bookingId });
    saga.starts.length = 0;
    saga.settle(name, options.execution ?? 'ABORTED');
  }
  const stepDeps = { bookings, holds, catalog, inventory, payments, pms: pmsClients, events, deadLetters, clock, holdTtlSeconds: 180 };
  const state: SagaState = { bookingId: booking.bookingId, booking: sagaBookingOf(booking) };
  await holdRooms(stepDeps, state);
  if (options.until !== 'authorize') state.payment = await authorizePayment(stepDeps, state);
  if (options.until === 'capture' || options.until === 'finalize') await confirmReservation(stepDeps, state);
  if (options.until === 'finalize') state.capture = await capturePayment(stepDeps, state);
  const deps = { bookings, saga, executions, deadLetters, clock, budgetSeconds: BUDGET, graceSeconds: GRACE };
  const current = async (): Promise<Booking> => (await bookings.get(booking.bookingId))!;
  const recoveryName = recoveryExecutionNameFor(booking.idempotencyKey);
  /** Runs the recovery execution's input through the task functions in the ASL's order (`Recover`). */
  const runRecovery = async () => {
    const input = saga.executions.get(recoveryName) as unknown as SagaState;
    if (input.recover?.from === 'capture') input.capture = await capturePayment(stepDeps, input);
    if (input.recover?.from !== 'compensate') return finalizeBooking(stepDeps, input);
    await cancelPmsReservation(stepDeps, input);
    await voidPayment(stepDeps, input);
    await releaseHold(stepDeps, input);
    await markFailed(stepDeps, input);
  };
  return { clock, bookings, holds, inventory, payments, pms, saga, events, deadLetters, deps, name, recoveryName, current, runRecovery };
}

const after = (seconds: number) => new Date(Date.parse(CREATED) + seconds * 1000);

describe('recoverStaleBookings', () => {
  it('leaves alone a booking younger than the grace time, and one whose execution is still running within the budget', async () => {
    const w = await deadSaga({ until: 'confirm', execution: 'RUNNING' });

    w.clock.set(after(GRACE - 1));
    const young = await recoverStaleBookings(w.deps);
    w.clock.set(after(GRACE + 60));
    const running = await recoverStaleBookings(w.deps);

    expect(young).toEqual({ examined: 0, outcomes: {} });
    expect(running.outcomes).toEqual({ running: ['bk_dead_1'] });
    expect((await w.current()).status).toBe('PENDING');
    expect(w.payments.paymentsOf('bk_dead_1').map((p) => p.status)).toEqual(['AUTHORIZED']);
  });

  it('starts the saga of a booking whose checkout stored it but never started it (within the budget)', async () => {
    const w = await deadSaga({ until: 'authorize', execution: 'NOT_FOUND' });
    w.clock.set(after(GRACE + 1));

    const report = await recoverStaleBookings(w.deps);

    expect(report.outcomes).toEqual({ restarted: ['bk_dead_1'] });
    expect(w.saga.starts).toEqual([{ name: w.name, input: expect.objectContaining({ bookingId: 'bk_dead_1' }) }]);
  });

  it('compensates a saga whose runner died after authorizing, through a recovery execution: voids what the gateway holds, releases the rooms, FAILED HOLD_EXPIRED', async () => {
    // Prepare: the runner died after the authorization, before the PMS confirmed.
    const w = await deadSaga({ until: 'confirm', pms: true, execution: 'ABORTED' });
    w.clock.set(after(181)); // past the hold's 180 s

    // Act
    const report = await recoverStaleBookings(w.deps);
    await w.runRecovery();

    // Assess
    expect(report.outcomes).toEqual({ compensating: ['bk_dead_1'] });
    expect(w.saga.starts.map((s) => s.name)).toEqual([w.recoveryName]);
    expect(w.payments.paymentsOf('bk_dead_1').map((p) => p.status)).toEqual(['VOIDED']);
    expect((await w.holds.get('bk_dead_1'))?.status).toBe('RELEASED');
    expect(w.inventory.night('htl_1', 'rt_1', '2026-03-10')).toMatchObject({ reserved: 0, remaining: 3 });
    expect(await w.current()).toMatchObject({ status: 'FAILED', failureCode: 'HOLD_EXPIRED', payment: { status: 'VOIDED' }, compensation: { reason: expect.stringContaining('recovery') } });
  });

  it('a booking recovered before its hold ran out fails INTERNAL_ERROR (the hold did not expire)', async () => {
    const w = await deadSaga({ until: 'confirm', pms: true, execution: 'ABORTED' });
    w.clock.set(after(GRACE + 1));

    await recoverStaleBookings(w.deps);
    await w.runRecovery();

    expect(await w.current()).toMatchObject({ status: 'FAILED', failureCode: 'INTERNAL_ERROR' });
  });

  it('resumes at the capture a saga that died after the PMS confirmed, and confirms once', async () => {
    const w = await deadSaga({ until: 'capture', pms: true, execution: 'TIMED_OUT' });
    w.clock.set(after(BUDGET + GRACE));

    const report = await recoverStaleBookings(w.deps);
    await w.runRecovery();
    const again = await recoverStaleBookings(w.deps);

    expect(report.outcomes).toEqual({ resumed: ['bk_dead_1'] });
    expect((w.saga.executions.get(w.recoveryName) as { recover: unknown }).recover).toMatchObject({ from: 'capture' });
    expect(again.examined).toBe(0);
    expect(w.payments.paymentsOf('bk_dead_1').map((p) => p.status)).toEqual(['CAPTURED']);
    expect(await w.current()).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' }, pms: { status: 'CONFIRMED' } });
    expect(w.events.ofType('booking.confirmed')).toHaveLength(1);
  });

  it('resumes at the capture a saga that died after capturing (the capture is recorded with the confirmation): the gateway answers it as done, and the money is taken once', async () => {
    const w = await deadSaga({ until: 'finalize', pms: true, execution: 'ABORTED' });
    w.clock.set(after(GRACE + 1));

    await recoverStaleBookings(w.deps);
    await w.runRecovery();

    expect((w.saga.executions.get(w.recoveryName) as { recover: unknown }).recover).toMatchObject({ from: 'capture' });
    expect(w.payments.paymentsOf('bk_dead_1')).toEqual([expect.objectContaining({ status: 'CAPTURED', amountCapturedMinor: 300_000 })]);
    expect(await w.current()).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' } });
    expect(w.events.ofType('booking.confirmed')).toHaveLength(1);
  });

  it('resumes at the capture a saga of a hotel without a PMS that died after authorizing: the authorization confirmed it', async () => {
    const w = await deadSaga({ until: 'confirm', execution: 'ABORTED' });
    w.clock.set(after(GRACE + 1));

    const report = await recoverStaleBookings(w.deps);
    await w.runRecovery();

    expect(report.outcomes).toEqual({ resumed: ['bk_dead_1'] });
    expect((await w.holds.get('bk_dead_1'))?.status).toBe('CONVERTED');
    expect(await w.current()).toMatchObject({ status: 'CONFIRMED', payment: { status: 'CAPTURED' }, confirmationNumber: expect.stringMatching(/^CONF-/) });
  });

  it('compensates, never resumes, a booking whose compensation had begun: every reservation with our id cancelled, the money given back', async () => {
    // Prepare: the saga was compensating when it died; a create that outlived its timeout left a duplicate.
    const w = await deadSaga({ until: 'finalize', pms: true, execution: 'ABORTED' });
    await w.bookings.beginCompensation('bk_dead_1', 'capture failed', w.clock());
    w.pms.plant({ reservationId: 'R-DUP', externalId: 'bk_dead_1', status: 'confirmed' });
    w.clock.set(after(GRACE + 1));

    // Act
    const report = await recoverStaleBookings(w.deps);
    await w.runRecovery();

    // Assess
    expect(report.outcomes).toEqual({ compensating: ['bk_dead_1'] });
    expect(w.pms.reservationsOf('bk_dead_1').map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(w.payments.paymentsOf('bk_dead_1')[0]).toMatchObject({ status: 'CAPTURED', amountRefundedMinor: 300_000 });
    expect(await w.current()).toMatchObject({ status: 'FAILED', payment: { status: 'REFUNDED' }, pms: { status: 'CANCELLED' } });
  });

  it('stops an execution that runs past the budget, then takes the booking up in a recovery execution', async () => {
    const w = await deadSaga({ until: 'confirm', pms: true, execution: 'RUNNING' });
    w.clock.set(after(BUDGET + GRACE + 1));

    const report = await recoverStaleBookings(w.deps);

    expect(report.outcomes).toEqual({ compensating: ['bk_dead_1'] });
    expect(w.saga.stops).toEqual([{ name: w.name, cause: expect.stringContaining('budget') }]);
  });

  it('leaves a running recovery execution alone, and escalates with a dead letter when one ended with the booking still PENDING', async () => {
    const w = await deadSaga({ until: 'confirm', execution: 'ABORTED' });
    w.clock.set(after(GRACE + 1));
    await recoverStaleBookings(w.deps);

    const whileRunning = await recoverStaleBookings(w.deps);
    w.saga.settle(w.recoveryName, 'ABORTED');
    const afterItDied = await recoverStaleBookings(w.deps);

    expect(whileRunning.outcomes).toEqual({ recovering: ['bk_dead_1'] });
    expect(afterItDied.outcomes).toEqual({ escalated: ['bk_dead_1'] });
    expect(await w.current()).toMatchObject({ status: 'NEEDS_ATTENTION', steps: expect.arrayContaining([expect.objectContaining({ name: 'recovery', status: 'FAILED' })]) });
    expect(w.deadLetters.letters).toEqual([expect.objectContaining({ bookingId: 'bk_dead_1', reason: expect.stringContaining('ABORTED') })]);
  });

  it('a late step of the dead saga cannot overwrite what the recovery settled', async () => {
    const w = await deadSaga({ until: 'confirm', pms: true, execution: 'ABORTED' });
    w.clock.set(after(GRACE + 1));
    await recoverStaleBookings(w.deps);
    await w.runRecovery();

    const late = await w.bookings.advance('bk_dead_1', { name: 'authorize', status: 'SUCCEEDED', at: w.clock().toISOString() }, { payment: { status: 'AUTHORIZED' } }, w.clock());

    expect(late).toBeUndefined();
    expect((await w.current()).payment.status).toBe('VOIDED');
  });
});
