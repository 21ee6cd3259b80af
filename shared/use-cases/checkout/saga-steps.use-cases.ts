import type { Booking, BookingStep, StepName } from '#domain/booking.ts';
import type { AuthorizeRequest } from '#domain/payment.ts';
import { isLiveReservation, type PmsReservation, type PmsReservationRequest } from '#domain/pms.ts';
import type { PmsClient } from '#ports/pms.port.ts';
import type { PaymentGateway } from '#ports/payment-gateway.port.ts';
import type { BookingPatch, BookingRepository } from '#ports/booking.repository.ts';
import type { DeadLetterQueue } from '#ports/dead-letter.port.ts';
import type { EventPublisher } from '#ports/event-publisher.port.ts';
import type { HoldRepository } from '#ports/hold.repository.ts';
import type { PmsClients } from '#ports/pms-clients.port.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader, PmsInventorySync } from '#ports/inventory.repository.ts';
import { HoldExpiredError, SagaAbandonedError, SoldOutError } from '#domain/booking-errors.ts';
import { PmsOutcomeUnknownError, PmsRateLimitedError, PmsRejectedError, PmsUnavailableError } from '#domain/pms-errors.ts';
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
/** The authorization also confirms a booking of a hotel without a PMS: it converts the hold. */
export type AuthorizePaymentDeps = PaymentStepDeps & { holds: Pick<HoldRepository, 'convertRecording'> };
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
  /**
   * When the hold of a hotel we confirm ourselves expires: set once the hold exists, which the
   * checkout's own transaction does (`HoldRepository.placeForCheckout`), so HoldRooms has nothing to do.
   */
  holdExpiresAt?: string;
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
    ...(!booking.pms.vendor && booking.holdExpiresAt ? { holdExpiresAt: booking.holdExpiresAt } : {}),
  };
}

/** The state the machine passes from task to task: ids and amounts, no personal data. */
export interface SagaState {
  bookingId: string;
  /** Set at start; older executions may lack it, and then the steps read the booking item. */
  booking?: SagaBooking;
  /**
   * Set by AuthorizePayment (its ResultPath). `confirmed`: the authorization's write also
   * confirmed a booking of a hotel without a PMS (converted its hold), so ConfirmReservation has
   * nothing left to do.
   */
  payment?: { paymentId: string; confirmed?: true };
  /** Set by CapturePayment (its ResultPath): when the gateway captured; FinalizeBooking records it. */
  capture?: { at: string };
  failedStep?: StepName;
  error?: SagaError;
  /**
   * Set by the state machine once it waited the settle delay after a create whose outcome was
   * unknown (`SettleReservation`): the confirmation then looks our booking id up again and
   * creates only if the PMS still has nothing; a second unknown outcome fails the step.
   */
  settle?: { waited: true };
  /** Set by the recovery job in the execution it starts for a booking whose saga died. */
  recover?: SagaRecovery;
  /** Set by the state machine's Catch of each compensation that still failed after its retries. */
  cancelPmsError?: SagaError;
  voidPaymentError?: SagaError;
  releaseHoldError?: SagaError;
  markFailedError?: SagaError;
  /** The delayed second sweep (after MarkFailed): cancel and void again what landed late. */
  recheckPmsError?: SagaError;
  recheckPaymentError?: SagaError;
}

/**
 * Where a recovery execution takes a booking up again (the ASL's `Recover` choice): `capture` and
 * `finalize` resume forward, `compensate` undoes everything from the sources of truth.
 */
export interface SagaRecovery {
  from: 'capture' | 'finalize' | 'compensate';
  reason: string;
}

/** What Step Functions puts in a Catch's ResultPath: the error's name and its message. */
export interface SagaError {
  Error?: string;
  Cause?: string;
}

const COMPENSATIONS = ['cancelPms', 'voidPayment', 'releaseHold', 'markFailed', 'recheckPms', 'recheckPayment'] as const;

/** The compensations that failed, by name, for the dead letter and the admin. */
export function failedCompensations(state: SagaState): string[] {
  return COMPENSATIONS.filter((name) => state[`${name}Error`] !== undefined);
}

async function load(deps: Journal, bookingId: string): Promise<Booking> {
  const booking = await deps.bookings.get(bookingId);
  if (!booking) throw new Error(`Booking ${bookingId} does not exist`);
  return booking;
}

function entry(deps: Journal, name: StepName, error?: unknown): BookingStep {
  return {
    name,
    status: error ? 'FAILED' : 'SUCCEEDED',
    at: deps.clock().toISOString(),
    ...(error ? { error: describe(error) } : {}),
  };
}

/** Records a compensation's entry (compensations write no status, so they never race a settled status). */
async function record(deps: Journal, bookingId: string, name: StepName, patch: BookingPatch = {}, error?: unknown) {
  return deps.bookings.recordStep(bookingId, entry(deps, name, error), patch, deps.clock());
}

/**
 * Records a forward step's result, only while the booking still advances. `undefined` means a
 * compensation (or the recovery job) started meanwhile: this result is late, and the caller undoes
 * what it did before it throws `SagaAbandonedError`.
 */
async function advance(deps: Journal, bookingId: string, name: StepName | readonly BookingStep[] | undefined, patch: BookingPatch = {}) {
  const entries = typeof name === 'string' ? entry(deps, name) : name;
  return deps.bookings.advance(bookingId, entries, patch, deps.clock());
}

function abandoned(step: StepName): SagaAbandonedError {
  return new SagaAbandonedError(`The ${step} step finished after the booking started compensating; what it did was undone.`);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs a forward step, recording a failure on the timeline before the error goes back to the state
 * machine. `onFail` (the payment FAILED after a decline) is applied only while the booking still
 * advances: a late failure never overwrites what a compensation recorded.
 */
async function step<T>(deps: Journal, bookingId: string, name: StepName, run: () => Promise<T>, onFail: (error: unknown) => BookingPatch = () => ({})): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const failed = entry(deps, name, error);
    await (async () => (await deps.bookings.advance(bookingId, failed, onFail(error), deps.clock())) ?? deps.bookings.recordStep(bookingId, failed, {}, deps.clock()))().catch(() => undefined);
    throw error;
  }
}

/** Runs a compensation, recording a failure on its timeline entry before the error goes back. */
async function undo<T>(deps: Journal, bookingId: string, name: StepName, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await record(deps, bookingId, name, {}, error).catch(() => undefined);
    throw error;
  }
}

function compensationReason(state: SagaState): string {
  return state.recover?.reason ?? `${state.failedStep ?? 'a step'} failed`;
}

/**
 * Every compensation starts here: the booking is marked as compensating (once) before anything is
 * undone, so a forward step that finishes late can no longer record its result and undoes itself.
 * A CONFIRMED booking is never compensated by the checkout saga.
 */
async function compensating(deps: Journal, bookingId: string, reason: string): Promise<Booking> {
  const booking = await deps.bookings.beginCompensation(bookingId, reason, deps.clock());
  if (!booking) throw new Error(`Booking ${bookingId} is CONFIRMED: the checkout saga does not compensate it`);
  return booking;
}

/**
 * The PMS this booking is confirmed in. The hotel's PMS vendor is copied onto the booking at
 * checkout, so a booking of a hotel without a PMS never pays for a config lookup; a booking made
 * for a PMS whose config is gone is not confirmed by us instead (that would be a booking the PMS
 * never hears of): the step fails as the PMS being unavailable. Compensations ask with
 * `purpose: 'undo'`, which reaches a config an admin turned off meanwhile: what we made there must
 * still be cancelled.
 */
async function pmsOf(deps: Pick<SagaDeps, 'pms'>, booking: Booking | SagaBooking, purpose: 'book' | 'undo' = 'book') {
  const vendor = 'pms' in booking ? booking.pms.vendor : booking.pmsVendor;
  if (!vendor) return undefined;
  const pms = await deps.pms.forHotel(booking.hotelId, { purpose });
  if (!pms) throw new PmsUnavailableError("The hotel's PMS connection is gone, so the booking cannot be confirmed in it.", { vendor });
  return pms;
}

type HotelPms = NonNullable<Awaited<ReturnType<typeof pmsOf>>>;

/**
 * A refusal by the PMS as the saga answers it. A hold that ran out anywhere is HOLD_EXPIRED: the
 * PMS's own hold (`hold_expired`), or ours, when the PMS says sold out after our hold's expiry
 * passed (the PMS sold the rooms we no longer held). No rooms otherwise is SOLD_OUT, after a
 * re-read so the next guest sees it.
 */
async function refusalOf(
  deps: Parameters<typeof rereadStayFromPms>[0],
  booking: SagaBooking | Booking,
  pms: HotelPms,
  error: unknown,
): Promise<unknown> {
  if (!(error instanceof PmsRejectedError)) return error;
  if (error.reason === 'hold_expired') return new HoldExpiredError('The PMS let the hold on these rooms run out before the booking was confirmed.', { cause: error });
  if (error.reason !== 'sold_out') return error;
  // The PMS knows something we did not: read the stay again so the next guest sees it.
  await rereadStayFromPms(deps, { ...booking, pms }).catch(() => undefined);
  const holdExpiresAt = 'holdExpiresAt' in booking ? booking.holdExpiresAt : undefined;
  if (holdExpiresAt && deps.clock().toISOString() >= holdExpiresAt) {
    return new HoldExpiredError('The hold on these rooms ran out while the hotel was confirming them, and the hotel has none left.', { cause: error });
  }
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
  // A hotel without a PMS: the checkout stored the booking and its hold in one transaction.
  if (!booking.pmsVendor && booking.holdExpiresAt) return;
  await step(deps, booking.bookingId, 'hold', async () => {
    const now = deps.clock();
    // A hotel without a PMS has nothing more to ask: the hold's own transaction records the step
    // (and refuses, taking nothing, once the booking is compensating).
    const direct = !booking.pmsVendor;
    // A hold released meanwhile (compensated, or expired and swept) is refused here: HOLD_EXPIRED.
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
      direct ? (placed) => ({ step: entry(deps, 'hold'), patch: { holdExpiresAt: placed.expiresAt } }) : undefined,
    );
    if (direct) return;
    const pms = await pmsOf(deps, booking);
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
      const held = await advance(deps, booking.bookingId, 'hold', {
        holdExpiresAt: hold.expiresAt,
        pms: { vendor: pms.client.vendor, status: 'HELD', holdId: pmsHold.holdId },
      });
      if (!held) {
        // Late: the compensation never learnt of this PMS hold, so it is released here.
        await pms.client.release?.(pmsHold.holdId);
        throw abandoned('hold');
      }
      // Counted only now that the PMS has it, so a PMS report read in between never undercounts.
      await deps.holds.markInPms(booking.bookingId, deps.clock());
      return;
    }
    if (pms) {
      // No PMS holds: before any card is authorized, ask the PMS (one bulk read) whether it still
      // has the rooms, counting every channel's sales; our own hold is already in our numbers.
      const short = await shortNightsAtPms(deps, { ...booking, pms });
      if (short.length > 0) throw new SoldOutError(`The hotel has no rooms left on ${short.join(', ')}.`);
    }
    const held = await advance(deps, booking.bookingId, 'hold', { holdExpiresAt: hold.expiresAt, ...(pms ? { pms: { vendor: pms.client.vendor } } : {}) });
    // Late: our hold is released by the compensation that is under way (or already was).
    if (!held) throw abandoned('hold');
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
 * state machine keeps in `$.payment` for the capture. An authorization whose answer comes after
 * the booking started compensating is voided here, at once.
 */
export async function authorizePayment(deps: AuthorizePaymentDeps, state: SagaState): Promise<{ paymentId: string; confirmed?: true }> {
  const booking = await sagaBooking(deps, state);
  return step(
    deps,
    booking.bookingId,
    'authorize',
    async () => {
      const auth = await deps.payments.authorize(authorizeRequestFor(booking));
      if (!booking.pmsVendor && state.booking) return confirmWithAuthorization(deps, booking, auth.paymentId);
      const recorded = await advance(deps, booking.bookingId, 'authorize', { payment: { status: 'AUTHORIZED', paymentId: auth.paymentId } });
      if (!recorded) {
        await deps.payments.void({ bookingId: booking.bookingId, paymentId: auth.paymentId });
        throw abandoned('authorize');
      }
      return { paymentId: auth.paymentId };
    },
    // Only a decline is a fact about the payment; a timeout may still have authorized. By name, as
    // Step Functions matches it: importing the class would put the payment errors in every PMS step's bundle.
    (error) => (error instanceof Error && error.name === 'PaymentDeclinedError' ? { payment: { status: 'FAILED' } } : {}),
  );
}

/**
 * A hotel without a PMS has nothing to ask before it confirms, so the authorization's write also
 * converts the hold and records the confirmation (`confirm`, with the number derived from the
 * booking id): one transaction instead of one write here and another in ConfirmReservation. Its
 * conditions are both steps': the booking still advances (else the authorization is late and is
 * voided at once, as any late authorization) and the hold has not expired (else the authorization
 * is voided at once and the step fails HOLD_EXPIRED, and the compensation releases what is left).
 */
async function confirmWithAuthorization(deps: AuthorizePaymentDeps, booking: SagaBooking, paymentId: string): Promise<{ paymentId: string; confirmed: true }> {
  const own = ownConfirmation(deps, booking.bookingId);
  const journal = { step: [entry(deps, 'authorize'), own.step], patch: { ...own.patch, payment: { status: 'AUTHORIZED' as const, paymentId } } };
  try {
    await deps.holds.convertRecording(booking.bookingId, journal, deps.clock());
  } catch (error) {
    if (!(error instanceof SagaAbandonedError || error instanceof HoldExpiredError)) throw error;
    await deps.payments.void({ bookingId: booking.bookingId, paymentId });
    throw error instanceof SagaAbandonedError ? abandoned('authorize') : error;
  }
  return { paymentId, confirmed: true };
}

/**
 * The live reservations carrying our booking id, as the PMS has them now. When a timed-out create
 * did happen and a later one too, there are several: the booking keeps one (the one it recorded,
 * else the oldest the PMS lists) and the others are cancelled here, so a booking never holds two.
 */
async function settledReservation(client: PmsClient, booking: Booking): Promise<PmsReservation | undefined> {
  const live = (await client.findReservationsByExternalId(booking.bookingId)).filter((r) => isLiveReservation(r.status));
  if (live.length === 0) return undefined;
  const keep = live.find((r) => r.reservationId === booking.pms.reservationId) ?? live[0]!;
  for (const duplicate of live.filter((r) => r.reservationId !== keep.reservationId)) await client.cancelReservation(duplicate.reservationId);
  return keep;
}

/**
 * Turns the hold into a booking (only if it has not expired), then makes sure the PMS holds exactly
 * one reservation with our booking id as its external id.
 *
 * A create is settled before anything else (docs/architecture.md, "Settling a timed-out create"):
 * the step first looks our booking id up. When the PMS has nothing but an earlier attempt asked it
 * to create (`pms.createAttempts`), that create may still be landing, or the vendor's look-up
 * may lag behind it, so the step does not create again: it fails `PmsOutcomeUnknownError`, the
 * state machine waits the settle delay (`SettleReservationWait`) and runs the step again with
 * `settle` set, and only then may the step create once more. A create whose answer is lost fails
 * the same way. After the settled attempt, an unknown outcome fails the step and the compensation
 * cancels every live reservation with our id, now and again after the same delay.
 */
export async function confirmReservation(deps: ConfirmReservationDeps, state: SagaState): Promise<void> {
  if (state.booking && !state.booking.pmsVendor) {
    // Recorded with the authorization (`confirmWithAuthorization`): nothing to write.
    if (state.payment?.confirmed) return;
    // An execution whose authorization did not confirm (started before it did): the conversion and the journal (with the number derived from the
    // booking id) are one transaction, and the booking item need not be read.
    const bookingId = state.booking.bookingId;
    return step(deps, bookingId, 'confirm', () => deps.holds.convertRecording(bookingId, ownConfirmation(deps, bookingId), deps.clock()));
  }
  const booking = await load(deps, state.bookingId);
  await step(deps, booking.bookingId, 'confirm', async () => {
    await deps.holds.convert(booking.bookingId, deps.clock());
    const pms = await pmsOf(deps, booking);
    if (!pms) {
      const own = ownConfirmation(deps, booking.bookingId);
      const confirmed = await deps.bookings.advance(booking.bookingId, own.step, own.patch, deps.clock());
      if (!confirmed) throw abandoned('confirm');
      return;
    }
    let reservation = await settledReservation(pms.client, booking);
    if (!reservation) {
      // At most two creates per booking: the first, and one more once the first was settled.
      const attempts = booking.pms.createAttempts ?? 0;
      const mayCreate = attempts === 0 || (attempts === 1 && state.settle !== undefined);
      if (!mayCreate) {
        throw new PmsOutcomeUnknownError('An earlier request to create this reservation may still be landing in the PMS: settle, then look again.', { vendor: pms.client.vendor });
      }
      const request: PmsReservationRequest = {
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
      };
      // Claimed before the PMS is asked: of two attempts racing (a retry while a stalled one still
      // runs), one creates; the other settles, or gives up if the booking is compensating.
      if (!(await deps.bookings.claimPmsCreate(booking.bookingId, attempts, deps.clock()))) {
        const now = await load(deps, booking.bookingId);
        if (now.status !== 'PENDING' || now.compensation) throw abandoned('confirm');
        throw new PmsOutcomeUnknownError('Another attempt is creating this reservation: settle, then look again.', { vendor: pms.client.vendor });
      }
      try {
        reservation = await pms.client.createReservation(request);
      } catch (error) {
        if (error instanceof PmsRejectedError) throw await refusalOf(deps, booking, pms, error);
        // A 429 was refused before anything happened; anything else may have created it.
        if (error instanceof PmsRateLimitedError) throw error;
        throw new PmsOutcomeUnknownError('The PMS did not say whether it created the reservation.', { vendor: pms.client.vendor, cause: error });
      }
    }
    const confirmed = await advance(deps, booking.bookingId, 'confirm', {
      confirmationNumber: reservation.confirmationNumber,
      pms: {
        vendor: pms.client.vendor,
        status: 'CONFIRMED',
        reservationId: reservation.reservationId,
        confirmationNumber: reservation.confirmationNumber,
      },
    });
    if (!confirmed) {
      // Late: the compensation may already have looked for reservations and found none.
      for (const r of await pms.client.findReservationsByExternalId(booking.bookingId)) {
        if (isLiveReservation(r.status)) await pms.client.cancelReservation(r.reservationId);
      }
      throw abandoned('confirm');
    }
    await deps.holds.markInPms(booking.bookingId, deps.clock());
  });
}

/** For hotels without a PMS: derived from the booking id, so a repeated step gives the same number. */
export function internalConfirmationNumber(bookingId: string): string {
  return `CONF-${bookingId.replace(/^bk_/, '').slice(0, 10).toUpperCase()}`;
}

/** The confirmation of a hotel without a PMS, as the journal records it: the `confirm` entry and our own number. */
function ownConfirmation(deps: Journal, bookingId: string) {
  return { step: entry(deps, 'confirm'), patch: { confirmationNumber: internalConfirmationNumber(bookingId) } };
}

/**
 * Captures the authorization and returns when (the state machine keeps it in `$.capture`). It
 * writes nothing on success: FinalizeBooking records the capture with the confirmation in one
 * write. That costs no guarantee: a runner that dies in between leaves the booking AUTHORIZED and
 * confirmed, so the recovery job resumes at the capture, which the gateway answers as done (same
 * idempotency key; a captured payment is not captured twice); and a capture answered after a
 * compensation began is refused at the finalization, whose catch compensates, refunding what the
 * gateway says was captured.
 */
export async function capturePayment(deps: PaymentStepDeps, state: SagaState): Promise<{ at: string }> {
  const bookingId = state.bookingId;
  return step(deps, bookingId, 'capture', async () => {
    const paymentId = state.payment?.paymentId ?? (await load(deps, bookingId)).payment.paymentId;
    if (!paymentId) throw new Error('Capture without an authorization');
    await deps.payments.capture({ bookingId, paymentId });
    return { at: deps.clock().toISOString() };
  });
}

/**
 * Marks the booking CONFIRMED, with the capture's entry and payment status when CapturePayment ran
 * in this execution (one write for both steps), and tells the rest of the world
 * (`booking.confirmed`). Refused when the booking no longer advances: `SagaAbandonedError`, which
 * the state machine compensates like a failed capture.
 */
export async function finalizeBooking(deps: FinalizeBookingDeps, state: SagaState): Promise<void> {
  const captured = state.capture ? { step: [{ name: 'capture' as const, status: 'SUCCEEDED' as const, at: state.capture.at }, entry(deps, 'finalize')], patch: { payment: { status: 'CAPTURED' as const } } } : undefined;
  const booking =
    (await advance(deps, state.bookingId, captured?.step ?? 'finalize', { ...captured?.patch, status: 'CONFIRMED' })) ??
    // A retry after the status was written: only the event is still to send.
    (await load(deps, state.bookingId));
  if (booking.status !== 'CONFIRMED') throw abandoned('finalize');
  await publishConfirmed(deps, booking);
}

/** `booking.confirmed`, without guest details: ids, stay, amount and confirmation number. */
export async function publishConfirmed(deps: Pick<SagaDeps, 'events' | 'clock'>, booking: Booking): Promise<void> {
  await deps.events.publish([
    bookingEvent('booking.confirmed', {
      ...stayFields(booking, deps.clock()),
      totalMinor: booking.totalMinor,
      currency: booking.currency,
      ...(booking.confirmationNumber ? { confirmationNumber: booking.confirmationNumber } : {}),
    }),
  ]);
}

/**
 * Compensation: cancels every live reservation carrying our booking id, as the PMS lists them now
 * (not only the one the booking recorded: a create that timed out and one that was retried may both
 * have happened). The state machine runs it again after the settle delay (`RecheckPmsReservations`)
 * for a create that lands later still.
 */
export async function cancelPmsReservation(deps: PmsStepDeps, state: SagaState): Promise<void> {
  const booking = await compensating(deps, state.bookingId, compensationReason(state));
  await undo(deps, booking.bookingId, 'cancelPms', async () => {
    const pms = await pmsOf(deps, booking, 'undo');
    if (!pms) return record(deps, booking.bookingId, 'cancelPms');
    // Counted out before the PMS is asked: in between, the PMS still counts the rooms as sold, which
    // overstates other channels' sales for a moment (safe), never understates them.
    await deps.holds.unmarkInPms(booking.bookingId, 'saga compensation: cancelling in the PMS', deps.clock());
    const live = (await pms.client.findReservationsByExternalId(booking.bookingId)).filter((r) => isLiveReservation(r.status));
    for (const reservation of live) await pms.client.cancelReservation(reservation.reservationId);
    const cancelled = live.length > 0 || booking.pms.status === 'CONFIRMED';
    return record(deps, booking.bookingId, 'cancelPms', cancelled ? { pms: { status: 'CANCELLED' } } : {});
  });
}

/**
 * Compensation: gives back every checkout payment the gateway holds for the booking, found at the
 * gateway (`findForBooking`), never only from our record: an authorization whose answer was lost
 * is voided as surely as a recorded one, and money a late capture took is refunded. The only
 * shortcuts are the two cases where the gateway was certainly never reached or said no: the hold
 * step failed (authorize never ran), or the card was declined.
 */
export async function voidPayment(deps: PaymentStepDeps, state: SagaState): Promise<void> {
  const booking = await compensating(deps, state.bookingId, compensationReason(state));
  await undo(deps, booking.bookingId, 'voidPayment', async () => {
    const neverAuthorized = state.failedStep === 'hold' || state.error?.Error === 'PaymentDeclinedError';
    if (neverAuthorized) return record(deps, booking.bookingId, 'voidPayment');
    const outcome = await releasePayments(deps, booking);
    return record(deps, booking.bookingId, 'voidPayment', outcome ? { payment: outcome } : {});
  });
}

/**
 * Voids each open checkout authorization of the booking and refunds what captures took, as the
 * gateway has them. Returns what the booking should now say about its payment, or `undefined` when
 * the gateway holds nothing of it. Shared by the saga's compensation and the recovery job.
 */
export async function releasePayments(deps: Pick<SagaDeps, 'payments'>, booking: Booking): Promise<BookingPatch['payment'] | undefined> {
  const payments = (await deps.payments.findForBooking(booking.bookingId, { createdSince: new Date(booking.createdAt) })).filter(
    (p) => (p.purpose ?? 'checkout') === 'checkout',
  );
  let outcome: BookingPatch['payment'] | undefined;
  for (const payment of payments) {
    if (payment.status === 'AUTHORIZED' || payment.status === 'PENDING') {
      // The default purpose (checkout) is left out, as every saga step leaves it out: the same request
      // under the same idempotency key, whichever of them sends it first.
      await deps.payments.void({ bookingId: booking.bookingId, paymentId: payment.paymentId });
      outcome = { status: 'VOIDED', paymentId: payment.paymentId };
    } else if (payment.status === 'CAPTURED') {
      if (payment.amountCapturedMinor - payment.amountRefundedMinor > 0) {
        await deps.payments.refund({ bookingId: booking.bookingId, paymentId: payment.paymentId });
      }
      outcome = { status: 'REFUNDED', paymentId: payment.paymentId };
    } else if (payment.status === 'VOIDED' && !outcome) {
      outcome = { status: 'VOIDED', paymentId: payment.paymentId };
    }
  }
  return outcome;
}

/** Compensation: gives the rooms back in DynamoDB and releases any PMS hold. Safe to repeat. */
export async function releaseHold(deps: ReleaseHoldDeps, state: SagaState): Promise<void> {
  const booking = await compensating(deps, state.bookingId, compensationReason(state));
  await undo(deps, booking.bookingId, 'releaseHold', async () => {
    if (booking.pms.holdId && booking.pms.status === 'HELD') {
      const pms = await pmsOf(deps, booking, 'undo');
      await deps.holds.unmarkInPms(booking.bookingId, 'saga compensation: releasing the PMS hold', deps.clock());
      await pms?.client.release?.(booking.pms.holdId);
    }
    await deps.holds.release(booking.bookingId, `saga: ${state.failedStep ?? 'unknown'} failed`, deps.clock());
    return record(deps, booking.bookingId, 'releaseHold', booking.pms.status === 'HELD' ? { pms: { status: 'NONE' } } : {});
  });
}

/** The saga could not complete and every compensation succeeded: the guest gets a clear answer. */
export async function markFailed(deps: Journal, state: SagaState): Promise<void> {
  await deps.bookings.transition(
    state.bookingId,
    { from: ['PENDING'], to: 'FAILED', patch: { failureCode: failureCodeFor(state.error?.Error, state.failedStep) } },
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
  await deps.bookings.transition(
    state.bookingId,
    { from: ['PENDING', 'FAILED'], to: 'NEEDS_ATTENTION', patch: { failureCode: failureCodeFor(state.error?.Error, state.failedStep) } },
    deps.clock(),
  );
}
