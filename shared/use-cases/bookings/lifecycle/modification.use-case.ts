import { capturesOf, keptOf, MAX_NIGHTS, MAX_ROOMS, planRefunds, type Booking, type BookingChangeRecord, type BookingStay } from '#domain/booking.ts';
import { NothingToChangeError, OutsideBookingWindowError, SoldOutError, StayRestrictedError } from '#domain/booking-errors.ts';
import { assertBeforeSameDayCutoff, refundOfDecrease, termsOf } from '#domain/booking-policy.ts';
import { assertAction } from '#domain/booking-status.ts';
import { addDays, datesInclusive, daysBetween, todayIn, type IsoDate } from '#domain/dates.ts';
import { NotFoundError, ValidationError } from '#domain/errors.ts';
import { bookingHorizonOf } from '#domain/hotel.ts';
import { moveDeltas, restrictionViolation } from '#domain/inventory.ts';
import { modificationPurpose } from '#domain/payment.ts';
import type { BookingRepository } from '#ports/booking.repository.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader } from '#ports/inventory.repository.ts';
import type { SagaStarter } from '#ports/saga-starter.port.ts';
import { canonicalJson } from '../../checkout/start-checkout.use-case.ts';
import { changeExecutionName, type ModificationPlan } from './change-plans.ts';
import { changeOfKey, claimChange, joinOrRefuse, loadBooking, sha256 } from './change-steps.ts';

/** What a guest may change (`PATCH /api/bookings/{id}`): any of these, the rest stays. */
export interface ModificationRequest {
  checkIn?: IsoDate;
  checkOut?: IsoDate;
  rooms?: number;
  roomTypeId?: string;
}

export interface ModificationDeps {
  bookings: BookingRepository;
  catalog: Pick<HotelCatalogReader, 'getHotelAndRoomType'>;
  inventory: InventoryReader;
  saga: SagaStarter;
  clock: () => Date;
}

export interface StartedModification {
  booking: Booking;
  change: BookingChangeRecord;
  plan: ModificationPlan;
}

function invalid(field: string, message: string) {
  return new ValidationError(`${field}: ${message}`, [{ field, message }]);
}

/**
 * Checks and prices a modification, then starts the modification saga. All or nothing: the new
 * stay is checked like a checkout (dates, horizon, same-day cut-off, occupancy, restrictions, a
 * cheap availability read of the extra rooms it needs), repriced from current rates, and the
 * difference is to be charged (authorize + capture, purpose `modify-<n>`) or, for a cheaper stay,
 * refunded as the booking's terms allow (`refundOfDecrease`). A refusal here writes nothing; the
 * saga then holds the new nights before it lets the old ones go, so the booking is never lost.
 */
export async function startModification(
  deps: ModificationDeps,
  input: { bookingId: string; idempotencyKey: string; request: ModificationRequest },
): Promise<StartedModification> {
  const keyHash = sha256(`modify:${input.bookingId}:${input.idempotencyKey}`);
  const requestHash = sha256(canonicalJson(input.request));
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const booking = await loadBooking(deps, input.bookingId);
    const seen = changeOfKey(booking, keyHash);
    if (seen) return resume(deps, booking, joinOrRefuse(seen, requestHash));
    assertAction(booking.status, 'modify');
    const plan = await planModification(deps, booking, input.request);
    const n = (booking.modificationCount ?? 0) + 1;
    const record: BookingChangeRecord = {
      changeId: `modify-${n}`,
      kind: 'modify',
      by: 'guest',
      keyHash,
      requestHash,
      startedAt: deps.clock().toISOString(),
      outcome: 'RUNNING',
      stay: plan.stay,
      chargedMinor: plan.chargeMinor,
      refundedMinor: plan.refundMinor,
      feeMinor: plan.feeMinor,
      plan: { ...plan, purpose: modificationPurpose(n) },
    };
    const claimed = await claimChange(deps, booking, record, { modificationCount: n });
    if (!claimed) continue;
    return resume(deps, claimed.booking, claimed.change);
  }
  throw new Error(`Booking ${input.bookingId} kept changing while a modification was being started`);
}

async function resume(deps: ModificationDeps, booking: Booking, change: BookingChangeRecord): Promise<StartedModification> {
  const plan = change.plan as ModificationPlan;
  if (change.outcome === 'RUNNING') {
    await deps.saga.start(changeExecutionName('modify', change.keyHash), { bookingId: booking.bookingId, changeId: change.changeId, plan });
  }
  return { booking, change, plan };
}

/** The new stay, its price and the money to move; throws the refusal a checkout would. */
async function planModification(deps: ModificationDeps, booking: Booking, req: ModificationRequest): Promise<ModificationPlan> {
  const roomTypeId = req.roomTypeId ?? booking.roomTypeId;
  const checkIn = req.checkIn ?? booking.checkIn;
  const checkOut = req.checkOut ?? booking.checkOut;
  const rooms = req.rooms ?? booking.rooms;
  const nightsCount = daysBetween(checkIn, checkOut);
  if (nightsCount < 1) throw invalid('body.checkOut', 'must be after checkIn');
  if (nightsCount > MAX_NIGHTS) throw invalid('body.checkOut', `a stay is at most ${MAX_NIGHTS} nights`);
  if (rooms < 1 || rooms > MAX_ROOMS) throw invalid('body.rooms', `must be 1 to ${MAX_ROOMS}`);
  if (roomTypeId === booking.roomTypeId && checkIn === booking.checkIn && checkOut === booking.checkOut && rooms === booking.rooms) {
    throw new NothingToChangeError('The booking already has this stay: nothing to change.');
  }

  const { hotel, roomType } = await deps.catalog.getHotelAndRoomType(booking.hotelId, roomTypeId);
  if (!hotel) throw new NotFoundError('Hotel', booking.hotelId);
  if (!roomType || !roomType.isActive) throw new NotFoundError('Room type', `${booking.hotelId}/${roomTypeId}`);
  const now = deps.clock();
  const today = todayIn(hotel.timeZone, now);
  if (checkIn < today) throw invalid('body.checkIn', `is in the past for the hotel (today there is ${today})`);
  assertBeforeSameDayCutoff(hotel, checkIn, now);
  const lastBookableNight = addDays(today, bookingHorizonOf(hotel));
  if (addDays(checkOut, -1) > lastBookableNight) {
    throw new OutsideBookingWindowError(`This hotel sells stays up to ${bookingHorizonOf(hotel)} days ahead: the last night you can book now is ${lastBookableNight}.`, {
      details: [{ field: 'body.checkOut', message: `the last night must be on or before ${lastBookableNight}` }],
    });
  }
  if (booking.guests > roomType.maxOccupancy * rooms) {
    throw invalid('body.rooms', `${rooms} room(s) of this type sleep at most ${roomType.maxOccupancy * rooms}, and the booking is for ${booking.guests}`);
  }

  const withDeparture = await deps.inventory.getNights(booking.hotelId, roomTypeId, checkIn, checkOut);
  const violation = restrictionViolation({ checkIn, checkOut }, withDeparture);
  if (violation) throw new StayRestrictedError(violation.code, violation.message, { date: violation.date });
  const nights = withDeparture.filter((n) => n.date < checkOut);
  const stay: BookingStay = { roomTypeId, checkIn, checkOut, nights: datesInclusive(checkIn, addDays(checkOut, -1)), rooms };
  // Only the extra rooms the new stay needs beyond the old one must be free (the saga's hold decides).
  const needed = moveDeltas(booking, stay).filter((d) => d.rooms > 0);
  const byDate = new Map(nights.map((n) => [n.date, n]));
  const short = needed.filter((d) => (byDate.get(d.date)?.remaining ?? -1) < d.rooms);
  if (nights.length < nightsCount || short.length > 0) throw new SoldOutError('There are not enough rooms left for the new stay.');

  const currency = nights[0]!.currency;
  if (currency !== booking.currency) throw new Error(`Booking ${booking.bookingId} is in ${booking.currency}, the new nights in ${currency}`);
  const totalMinor = nights.reduce((sum, n) => sum + n.priceMinor, 0) * rooms;
  const difference = totalMinor - booking.totalMinor;
  const chargeMinor = Math.max(0, difference);
  const decrease = refundOfDecrease(termsOf(booking, hotel), Math.max(0, -difference), now);
  const refunds = planRefunds(capturesOf(booking), Math.min(decrease.refundMinor, keptOf(booking)));
  const refundMinor = refunds.reduce((sum, r) => sum + r.amountMinor, 0);
  const { roomType: previousType } = roomTypeId === booking.roomTypeId ? { roomType } : await deps.catalog.getHotelAndRoomType(booking.hotelId, booking.roomTypeId);
  return {
    stay,
    pmsRoomTypeId: roomType.pmsRoomTypeId ?? roomTypeId,
    guests: booking.guests,
    totalMinor,
    nightlyPrices: nights.map((n) => ({ date: n.date, priceMinor: n.priceMinor })),
    currency,
    chargeMinor,
    refundMinor,
    feeMinor: decrease.feeMinor + (decrease.refundMinor - refundMinor),
    refunds,
    purpose: modificationPurpose((booking.modificationCount ?? 0) + 1),
    previous: {
      roomTypeId: booking.roomTypeId,
      checkIn: booking.checkIn,
      checkOut: booking.checkOut,
      nights: booking.nights,
      rooms: booking.rooms,
      pmsRoomTypeId: previousType?.pmsRoomTypeId ?? booking.roomTypeId,
      guests: booking.guests,
      totalMinor: booking.totalMinor,
    },
  };
}
