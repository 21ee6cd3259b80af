import { capturesOf, planRefunds, type Booking, type BookingChangeRecord, type ChangeActor } from '#domain/booking.ts';
import { assertAction, type LifecycleAction } from '#domain/booking-status.ts';
import { quoteCancellation, quoteNoShow, type CancellationQuote } from '#domain/booking-policy.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { SagaStarter } from '#ports/saga-starter.port.ts';
import { canonicalJson } from '../../checkout/start-checkout.use-case.ts';
import { changeExecutionName, type CancellationPlan } from './change-plans.ts';
import { changeOfKey, claimChange, joinOrRefuse, loadBooking, sha256 } from './change-steps.ts';

export interface StartChangeDeps {
  bookings: BookingRepository;
  catalog: Pick<HotelCatalogReader, 'getHotel'>;
  saga: SagaStarter;
  clock: () => Date;
}

export interface StartedChange {
  booking: Booking;
  change: BookingChangeRecord;
  /** The plan the saga runs with (a join reads it back from what was started). */
  plan: CancellationPlan;
}

/** What a cancellation of `booking` now would refund and keep (`GET .../cancellation-quote`). */
export async function cancellationQuote(deps: Pick<StartChangeDeps, 'catalog' | 'clock'>, booking: Booking): Promise<CancellationQuote> {
  assertAction(booking.status, 'cancel');
  const hotel = booking.policy ? undefined : await deps.catalog.getHotel(booking.hotelId);
  return quoteCancellation(booking, deps.clock(), hotel ? { hotel } : {});
}

/**
 * Starts the cancellation saga for a guest (`by: 'guest'`, refund per the booking's terms) or the
 * hotel (`by: 'hotel'`, everything back). The status machine must allow CONFIRMED -> CANCELLED
 * (`409 INVALID_TRANSITION`), no other change may run (`409 CHANGE_IN_PROGRESS`), and the same
 * Idempotency-Key joins the first request (another body with it: `422 IDEMPOTENCY_KEY_REUSED`).
 * The execution is named after the key, so a retry never starts a second saga.
 */
export async function startCancellation(
  deps: StartChangeDeps,
  input: { bookingId: string; by: Extract<ChangeActor, 'guest' | 'hotel'>; idempotencyKey: string },
): Promise<StartedChange> {
  const keyHash = sha256(`cancel:${input.bookingId}:${input.idempotencyKey}`);
  const requestHash = sha256(canonicalJson({ action: 'cancel', by: input.by }));
  return startCancellationSaga(deps, input.bookingId, { keyHash, requestHash, action: 'cancel', changeId: 'cancel', executionKind: 'cancel' }, async (booking) => {
    const hotel = booking.policy ? undefined : await deps.catalog.getHotel(booking.hotelId);
    const quote = quoteCancellation(booking, deps.clock(), { fullRefund: input.by === 'hotel', ...(hotel ? { hotel } : {}) });
    return {
      kind: 'cancel',
      by: input.by,
      cancelInPms: booking.pms.vendor !== undefined,
      releaseStay: true,
      toStatus: 'CANCELLED',
      ...refundsOf(booking, quote),
      purpose: 'cancellation',
    };
  });
}

/**
 * Marks a no-show (an admin, or the no-show job after the hotel's cut-off): the nights go back and
 * the terms decide what is refunded (`quoteNoShow`). One no-show per booking: the key is fixed.
 */
export async function startNoShow(deps: StartChangeDeps, input: { bookingId: string; source: 'admin' | 'job' }): Promise<StartedChange> {
  const keyHash = sha256(`no-show:${input.bookingId}`);
  const requestHash = sha256(canonicalJson({ action: 'no-show' }));
  return startCancellationSaga(deps, input.bookingId, { keyHash, requestHash, action: 'noShow', changeId: 'no-show', executionKind: 'noshow' }, async (booking) => {
    const hotel = booking.policy ? undefined : await deps.catalog.getHotel(booking.hotelId);
    const quote = quoteNoShow(booking, hotel);
    return {
      kind: 'no-show',
      by: input.source === 'admin' ? 'hotel' : 'system',
      source: input.source,
      cancelInPms: false,
      releaseStay: true,
      toStatus: 'NO_SHOW',
      ...refundsOf(booking, quote),
      purpose: 'no-show',
    };
  });
}

/**
 * Refunds what a booking is owed (`refundDueMinor`) after the hotel cancelled it in its PMS or the
 * PMS reported a no-show: the same saga, refund part only. Started by the `RefundsOwed` job or an
 * admin; once per booking and amount owed.
 */
export async function startRefundOwed(deps: StartChangeDeps, input: { bookingId: string; by: 'hotel' | 'system' }): Promise<StartedChange | undefined> {
  const booking = await loadBooking(deps, input.bookingId);
  const due = booking.refundDueMinor ?? 0;
  if (due <= 0 && !booking.change) return undefined;
  const keyHash = sha256(`refund:${input.bookingId}:${due}:${(booking.changes ?? []).length}`);
  const requestHash = sha256(canonicalJson({ action: 'refund' }));
  const changeId = `refund-${(booking.changes ?? []).filter((c) => c.kind === 'refund').length + 1}`;
  return startCancellationSaga(deps, input.bookingId, { keyHash, requestHash, action: 'refund', changeId, executionKind: 'refund' }, async (b) => {
    const refunds = planRefunds(capturesOf(b), b.refundDueMinor ?? 0);
    return {
      kind: 'refund',
      by: input.by,
      cancelInPms: false,
      releaseStay: false,
      refundMinor: refunds.reduce((sum, r) => sum + r.amountMinor, 0),
      feeMinor: 0,
      currency: b.currency,
      refunds,
      purpose: 'cancellation',
    };
  });
}

function refundsOf(booking: Booking, quote: CancellationQuote) {
  const refunds = planRefunds(capturesOf(booking), quote.refundMinor);
  const refundMinor = refunds.reduce((sum, r) => sum + r.amountMinor, 0);
  return { refundMinor, feeMinor: quote.feeMinor + (quote.refundMinor - refundMinor), currency: booking.currency, refunds };
}

/**
 * The one way a cancellation-saga change starts: a repeat of the key joins (and makes sure the
 * execution exists), the status machine is asked, the lock is claimed with the plan recorded on
 * the change, and the saga starts under a name derived from the key.
 */
async function startCancellationSaga(
  deps: StartChangeDeps,
  bookingId: string,
  change: { keyHash: string; requestHash: string; action: LifecycleAction; changeId: string; executionKind: 'cancel' | 'noshow' | 'refund' },
  planFor: (booking: Booking) => Promise<CancellationPlan>,
): Promise<StartedChange> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const booking = await loadBooking(deps, bookingId);
    const seen = changeOfKey(booking, change.keyHash);
    if (seen) return resume(deps, booking, joinOrRefuse(seen, change.requestHash), change.executionKind);
    // A no-show keeps its status when what it is owed is refunded; everything else asks the machine.
    if (!(change.action === 'refund' && booking.status === 'NO_SHOW')) assertAction(booking.status, change.action);
    const plan = await planFor(booking);
    const now = deps.clock().toISOString();
    const record: BookingChangeRecord = {
      changeId: change.changeId,
      kind: plan.kind,
      by: plan.by,
      keyHash: change.keyHash,
      requestHash: change.requestHash,
      startedAt: now,
      outcome: 'RUNNING',
      refundedMinor: plan.refundMinor,
      feeMinor: plan.feeMinor,
      plan,
    };
    const claimed = await claimChange(deps, booking, record);
    if (!claimed) continue; // the status moved on: ask the status machine again
    return resume(deps, claimed.booking, claimed.change, change.executionKind);
  }
  throw new Error(`Booking ${bookingId} kept changing while a ${change.action} was being started`);
}

async function resume(deps: StartChangeDeps, booking: Booking, change: BookingChangeRecord, kind: 'cancel' | 'noshow' | 'refund'): Promise<StartedChange> {
  const plan = change.plan as CancellationPlan;
  if (change.outcome === 'RUNNING') {
    await deps.saga.start(changeExecutionName(kind, change.keyHash), { bookingId: booking.bookingId, changeId: change.changeId, plan });
  }
  return { booking, change, plan };
}
