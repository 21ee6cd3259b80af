import type { Booking, BookingStep, StepName } from '#domain/booking.ts';
import type { AuthorizeRequest } from '#domain/payment.ts';
import type { PaymentGateway } from '#ports/payment-gateway.port.ts';
import type { BookingPatch, BookingRepository } from '#ports/booking.repository.ts';
import type { DeadLetterQueue } from '#ports/dead-letter.port.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HoldRepository } from '#ports/hold.repository.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader, PmsInventorySync } from '#ports/inventory.repository.ts';
import { HoldExpiredError, SoldOutError } from '#domain/booking-errors.ts';
import { PmsRejectedError, PmsUnavailableError } from '#domain/pms-errors.ts';
import { failureCodeFor } from './failure-codes.ts';
import { rereadStayFromPms, shortNightsAtPms } from './stay-availability.ts';
import { bookingEvent, stayFields } from '../bookings/lifecycle/booking-events.ts';

/**
 * The checkout saga's steps, one function each, called by the state machine's Task states
 * (`statemachines/checkout-saga.asl.json`). Step Functions may run any of them twice, so each is
 * idempotent: the hold is keyed by booking, payments carry an idempotency key per booking and step,
 * the PMS reservation is looked up by our booking id before it is created, and the booking's
 * timeline keeps one entry per step. A step that fails throws; the state machine decides whether
 * to retry or compensate.
 */
export interface SagaDeps {
  bookings: BookingRepository;
  holds: HoldRepository;
  catalog: HotelCatalogReader;
  /** Where a re-read of the stay from the PMS lands (before authorizing, after a refusal). */
  inventory: PmsInventorySync & InventoryReader;
  payments: PaymentGateway;
  pms: Pick<PmsClients, 'forHotel'>;
  events: EventPublisher;
  deadLetters: DeadLetterQueue;
  clock: () => Date;
  holdTtlSeconds: number;
}

/**
 * What each step needs: every task is its own Lambda, composed with exactly these adapters
 * (`shared/composition/saga-*.deps.ts`), so a PMS step never loads the payment SDK.
 */
export type Journal = Pick<SagaDeps, 'bookings' | 'clock'>;
export type HoldRoomsDeps = Journal & Pick<SagaDeps, 'holds' | 'catalog' | 'pms' | 'inventory' | 'events' | 'holdTtlSeconds'>;
export type PaymentStepDeps = Journal & Pick<SagaDeps, 'payments'>;
export type ConfirmReservationDeps = Journal & Pick<SagaDeps, 'holds' | 'catalog' | 'pms' | 'inventory' | 'events'>;
export type PmsStepDeps = Journal & Pick<SagaDeps, 'pms' | 'holds'>;
export type ReleaseHoldDeps = Journal & Pick<SagaDeps, 'holds' | 'pms'>;
export type FinalizeBookingDeps = Journal & Pick<SagaDeps, 'events'>;
export type EscalateDeps = Journal & Pick<SagaDeps, 'deadLetters'>;

/**
 * What the early steps need of a booking, carried in the execution's state so that hold, authorize
 * and capture do not read the booking again. Deliberately no guest details: Step Functions keeps
 * execution history for 90 days, and personal data stays in the booking item only.
 */
export interface SagaBooking {
  bookingId: string;
  hotelId: string;
  roomTypeId: string;
  checkIn: string;
  checkOut: string;
  nights: string[];
  rooms: number;
  totalMinor: number;
  currency: string;
  paymentMethodId: string;
  /** The hotel's PMS when the booking was made; absent for a hotel we confirm ourselves. */
  pmsVendor?: string;
}

/** The saga's view of a booking, and so the execution input: derived from the booking alone. */
export function sagaBookingOf(booking: Booking): SagaBooking {
  return {
    bookingId: booking.bookingId,
    hotelId: booking.hotelId,
    roomTypeId: booking.roomTypeId,
    checkIn: booking.checkIn,
    checkOut: booking.checkOut,
    nights: booking.nights,
    rooms: booking.rooms,
    totalMinor: booking.totalMinor,
    currency: booking.currency,
    paymentMethodId: booking.paymentMethodId,
    ...(booking.pms.vendor ? { pmsVendor: booking.pms.vendor } : {}),
  };
}

/** The state the machine passes from task to task: ids and amounts, no personal data. */
export interface SagaState {
  bookingId: string;
  /** Set at start; older executions may lack it, and then the steps read the booking item. */
  booking?: SagaBooking;
  /** Set by AuthorizePayment (its ResultPath). */
  payment?: { paymentId: string };
  failedStep?: StepName;
  error?: SagaError;
  /** Set by the state machine's Catch of each compensation that still failed after its retries. */
  cancelPmsError?: SagaError;
  voidPaymentError?: SagaError;
  releaseHoldError?: SagaError;
  markFailedError?: SagaError;
}

/** What Step Functions puts in a Catch's ResultPath: the error's name and its message. */
export interface SagaError {
  Error?: string;
  Cause?: string;
}

const COMPENSATIONS = ['cancelPms', 'voidPayment', 'releaseHold', 'markFailed'] as const;

/** The compensations that failed, by name, for the dead letter and the admin. */
export function failedCompensations(state: SagaState): string[] {
  return COMPENSATIONS.filter((name) => state[`${name}Error`] !== undefined);
}

async function load(deps: Journal, bookingId: string): Promise<Booking> {
  const booking = await deps.bookings.get(bookingId);
  if (!booking) throw new Error(`Booking ${bookingId} does not exist`);
  return booking;
}

async function record(deps: Journal, bookingId: string, name: StepName, patch: BookingPatch = {}, error?: unknown) {
  const step: BookingStep = {
    name,
    status: error ? 'FAILED' : 'SUCCEEDED',
    at: deps.clock().toISOString(),
    ...(error ? { error: describe(error) } : {}),
  };
  return deps.bookings.recordStep(bookingId, step, patch, deps.clock());
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Runs a step, recording a failure on the timeline before the error goes back to the state machine. */
async function step<T>(deps: Journal, bookingId: string, name: StepName, run: () => Promise<T>, onFail: BookingPatch = {}): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await record(deps, bookingId, name, onFail, error).catch(() => undefined);
    throw error;
  }
}

/**
 * The PMS this booking is confirmed in. The hotel's PMS vendor is copied onto the booking at
 * checkout, so a booking of a hotel without a PMS never pays for a config lookup; a booking made
 * for a PMS whose config is gone is not confirmed by us instead (that would be a booking the PMS
 * never hears of): the step fails as the PMS being unavailable.
 */
async function pmsOf(deps: Pick<SagaDeps, 'pms'>, booking: Booking | SagaBooking) {
  const vendor = 'pms' in booking ? booking.pms.vendor : booking.pmsVendor;
  if (!vendor) return undefined;
  const pms = await deps.pms.forHotel(booking.hotelId);
  if (!pms) throw new PmsUnavailableError("The hotel's PMS connection is gone, so the booking cannot be confirmed in it.", { vendor });
  return pms;
}

/** A refusal by the PMS as the saga answers it: an expired PMS hold is HOLD_EXPIRED, no rooms is SOLD_OUT after a re-read. */
async function refusalOf(
  deps: Parameters<typeof rereadStayFromPms>[0],
  booking: SagaBooking | Booking,
  pms: NonNullable<Awaited<ReturnType<typeof pmsOf>>>,
  error: unknown,
): Promise<unknown> {
  if (!(error instanceof PmsRejectedError)) return error;
  if (error.reason === 'hold_expired') return new HoldExpiredError('The PMS let the hold on these rooms run out before the booking was confirmed.', { cause: error });
  if (error.reason !== 'sold_out') return error;
  // The PMS knows something we did not: read the stay again so the next guest sees it.
  await rereadStayFromPms(deps, { ...booking, pms }).catch(() => undefined);
  return new SoldOutError('The hotel has no rooms left for these dates.', { cause: error });
}

async function sagaBooking(deps: Journal, state: SagaState): Promise<SagaBooking> {
  return state.booking ?? sagaBookingOf(await load(deps, state.bookingId));
}

async function pmsRoomTypeId(deps: Pick<SagaDeps, 'catalog'>, booking: Pick<Booking, 'hotelId' | 'roomTypeId'>): Promise<string> {
  const roomType = await deps.catalog.getRoomType(booking.hotelId, booking.roomTypeId);
  return roomType?.pmsRoomTypeId ?? booking.roomTypeId;
}

/** Takes the rooms in DynamoDB (and in the PMS where it has holds) for `holdTtlSeconds`. */
export async function holdRooms(deps: HoldRoomsDeps, state: SagaState): Promise<void> {
  const booking = await sagaBooking(deps, state);
  await step(deps, booking.bookingId, 'hold', async () => {
    const now = deps.clock();
    const hold = await deps.holds.place(
      {
        bookingId: booking.bookingId,
        hotelId: booking.hotelId,
        roomTypeId: booking.roomTypeId,
        nights: booking.nights,
        rooms: booking.rooms,
        expiresAt: new Date(now.getTime() + deps.holdTtlSeconds * 1000).toISOString(),
      },
      now,
    );
    const pms = await pmsOf(deps, booking);
    let pmsPatch: BookingPatch['pms'] = pms ? { vendor: pms.client.vendor } : undefined;
    if (pms?.client.capabilities.holds && pms.client.hold) {
      let pmsHold;
      try {
        pmsHold = await pms.client.hold({
          externalId: booking.bookingId,
          pmsRoomTypeId: await pmsRoomTypeId(deps, booking),
          checkIn: booking.checkIn,
          checkOut: booking.checkOut,
          rooms: booking.rooms,
          ttlSeconds: deps.holdTtlSeconds,
        });
      } catch (error) {
        throw await refusalOf(deps, booking, pms, error);
      }
      // Counted only now that the PMS has it, so a PMS report read in between never undercounts.
      await deps.holds.markInPms(booking.bookingId, deps.clock());
      pmsPatch = { vendor: pms.client.vendor, status: 'HELD', holdId: pmsHold.holdId };
    } else if (pms) {
      // No PMS holds: before any card is authorized, ask the PMS (one bulk read) whether it still
      // has the rooms, counting every channel's sales; our own hold is already in our numbers.
      const short = await shortNightsAtPms(deps, { ...booking, pms });
      if (short.length > 0) throw new SoldOutError(`The hotel has no rooms left on ${short.join(', ')}.`);
    }
    await record(deps, booking.bookingId, 'hold', { holdExpiresAt: hold.expiresAt, ...(pmsPatch ? { pms: pmsPatch } : {}) });
  });
}

/**
 * The one authorize request of a booking. Built in one place because the gateway's idempotency key
 * is per booking and step: a repeat with any other field would be refused as a different request.
 */
function authorizeRequestFor(booking: SagaBooking): AuthorizeRequest {
  return {
    bookingId: booking.bookingId,
    amountMinor: booking.totalMinor,
    currency: booking.currency,
    paymentMethodId: booking.paymentMethodId,
    description: `Booking ${booking.bookingId}`,
  };
}

/**
 * Pre-authorizes the server-computed amount for manual capture. Returns the payment id, which the
 * state machine keeps in `$.payment` for the capture.
 */
export async function authorizePayment(deps: PaymentStepDeps, state: SagaState): Promise<{ paymentId: string }> {
  const booking = await sagaBooking(deps, state);
  return step(
    deps,
    booking.bookingId,
    'authorize',
    async () => {
      const auth = await deps.payments.authorize(authorizeRequestFor(booking));
      await record(deps, booking.bookingId, 'authorize', { payment: { status: 'AUTHORIZED', paymentId: auth.paymentId } });
      return { paymentId: auth.paymentId };
    },
    { payment: { status: 'FAILED' } },
  );
}

/**
 * Turns the hold into a booking (only if it has not expired), then creates the PMS reservation
 * with our booking id as its external id; a retry finds that reservation instead of making another.
 */
export async function confirmReservation(deps: ConfirmReservationDeps, state: SagaState): Promise<void> {
  const booking = await load(deps, state.bookingId);
  await step(deps, booking.bookingId, 'confirm', async () => {
    await deps.holds.convert(booking.bookingId, deps.clock());
    const pms = await pmsOf(deps, booking);
    if (!pms) {
      await record(deps, booking.bookingId, 'confirm', { confirmationNumber: internalConfirmationNumber(booking.bookingId) });
      return;
    }
    const reservation = await pms.client
      .createReservation({
      externalId: booking.bookingId,
      pmsRoomTypeId: await pmsRoomTypeId(deps, booking),
      checkIn: booking.checkIn,
      checkOut: booking.checkOut,
      rooms: booking.rooms,
      guests: booking.guests,
      guest: booking.guestInfo,
      totalMinor: booking.totalMinor,
      currency: booking.currency,
      ...(booking.specialRequests ? { specialRequests: booking.specialRequests } : {}),
      ...(booking.pms.holdId ? { holdId: booking.pms.holdId } : {}),
      })
      .catch(async (error: unknown) => {
        throw await refusalOf(deps, booking, pms, error);
      });
    await deps.holds.markInPms(booking.bookingId, deps.clock());
    await record(deps, booking.bookingId, 'confirm', {
      confirmationNumber: reservation.confirmationNumber,
      pms: {
        vendor: pms.client.vendor,
        status: 'CONFIRMED',
        reservationId: reservation.reservationId,
        confirmationNumber: reservation.confirmationNumber,
      },
    });
  });
}

/** For hotels without a PMS: derived from the booking id, so a repeated step gives the same number. */
export function internalConfirmationNumber(bookingId: string): string {
  return `CONF-${bookingId.replace(/^bk_/, '').slice(0, 10).toUpperCase()}`;
}

export async function capturePayment(deps: PaymentStepDeps, state: SagaState): Promise<void> {
  const bookingId = state.bookingId;
  await step(deps, bookingId, 'capture', async () => {
    const paymentId = state.payment?.paymentId ?? (await load(deps, bookingId)).payment.paymentId;
    if (!paymentId) throw new Error('Capture without an authorization');
    await deps.payments.capture({ bookingId, paymentId });
    await record(deps, bookingId, 'capture', { payment: { status: 'CAPTURED' } });
  });
}

/** Marks the booking CONFIRMED and tells the rest of the world (`booking.confirmed`). */
export async function finalizeBooking(deps: FinalizeBookingDeps, state: SagaState): Promise<void> {
  const booking = await record(deps, state.bookingId, 'finalize', { status: 'CONFIRMED' });
  await deps.events.publish([
    bookingEvent('booking.confirmed', {
      ...stayFields(booking, deps.clock()),
      totalMinor: booking.totalMinor,
      currency: booking.currency,
      ...(booking.confirmationNumber ? { confirmationNumber: booking.confirmationNumber } : {}),
    }),
  ]);
}

/** Compensation: cancels the PMS reservation carrying our booking id, if the PMS has one. */
export async function cancelPmsReservation(deps: PmsStepDeps, state: SagaState): Promise<void> {
  const booking = await load(deps, state.bookingId);
  await step(deps, booking.bookingId, 'cancelPms', async () => {
    const pms = await pmsOf(deps, booking);
    if (!pms) return record(deps, booking.bookingId, 'cancelPms');
    // Counted out before the PMS is asked: in between, the PMS still counts the rooms as sold, which
    // overstates other channels' sales for a moment (safe), never understates them.
    await deps.holds.unmarkInPms(booking.bookingId, 'saga compensation: cancelling in the PMS', deps.clock());
    const reservation = await pms.client.findReservationByExternalId(booking.bookingId);
    if (reservation && reservation.status !== 'cancelled') await pms.client.cancelReservation(reservation.reservationId);
    return record(deps, booking.bookingId, 'cancelPms', reservation ? { pms: { status: 'CANCELLED' } } : {});
  });
}

/**
 * Compensation: voids the authorization. When the authorize step itself failed (a timeout may
 * still have reached the gateway), authorizing again with the same booking finds that payment,
 * because the gateway replays its idempotency key; a declined card leaves nothing to void.
 */
export async function voidPayment(deps: PaymentStepDeps, state: SagaState): Promise<void> {
  const booking = await load(deps, state.bookingId);
  await step(deps, booking.bookingId, 'voidPayment', async () => {
    let paymentId = booking.payment.paymentId;
    if (!paymentId && booking.payment.status !== 'FAILED') {
      paymentId = await findStrayAuthorization(deps, booking);
    }
    if (!paymentId) return record(deps, booking.bookingId, 'voidPayment');
    await deps.payments.void({ bookingId: booking.bookingId, paymentId });
    return record(deps, booking.bookingId, 'voidPayment', { payment: { status: 'VOIDED', paymentId } });
  });
}

async function findStrayAuthorization(deps: PaymentStepDeps, booking: Booking): Promise<string | undefined> {
  if (!booking.steps.some((s) => s.name === 'authorize')) return undefined;
  try {
    const auth = await deps.payments.authorize(authorizeRequestFor(sagaBookingOf(booking)));
    return auth.paymentId;
  } catch (error) {
    if (error instanceof Error && error.name === 'PaymentDeclinedError') return undefined;
    throw error;
  }
}

/** Compensation: gives the rooms back in DynamoDB and releases any PMS hold. Safe to repeat. */
export async function releaseHold(deps: ReleaseHoldDeps, state: SagaState): Promise<void> {
  const booking = await load(deps, state.bookingId);
  await step(deps, booking.bookingId, 'releaseHold', async () => {
    if (booking.pms.holdId && booking.pms.status === 'HELD') {
      const pms = await pmsOf(deps, booking);
      await deps.holds.unmarkInPms(booking.bookingId, 'saga compensation: releasing the PMS hold', deps.clock());
      await pms?.client.release?.(booking.pms.holdId);
    }
    await deps.holds.release(booking.bookingId, `saga: ${state.failedStep ?? 'unknown'} failed`, deps.clock());
    return record(deps, booking.bookingId, 'releaseHold', booking.pms.status === 'HELD' ? { pms: { status: 'NONE' } } : {});
  });
}

/** The saga could not complete and every compensation succeeded: the guest gets a clear answer. */
export async function markFailed(deps: Journal, state: SagaState): Promise<void> {
  await deps.bookings.recordStep(
    state.bookingId,
    undefined,
    { status: 'FAILED', failureCode: failureCodeFor(state.error?.Error, state.failedStep) },
    deps.clock(),
  );
}

/**
 * A compensation still failed after its retries: the saga's state goes to the dead-letter queue
 * and the booking to NEEDS_ATTENTION, where an admin sees it. Nothing is dropped silently.
 */
export async function escalate(deps: EscalateDeps, state: SagaState): Promise<void> {
  const at = deps.clock().toISOString();
  await deps.deadLetters.send({
    bookingId: state.bookingId,
    reason:
      failedCompensations(state).length > 0
        ? `Compensation failed: ${failedCompensations(state).join(', ')}`
        : `Step ${state.failedStep ?? 'unknown'} failed after the money moved; nothing was undone`,
    state: state as unknown as Record<string, unknown>,
    at,
  });
  await deps.bookings.recordStep(
    state.bookingId,
    undefined,
    { status: 'NEEDS_ATTENTION', failureCode: failureCodeFor(state.error?.Error, state.failedStep) },
    deps.clock(),
  );
}
