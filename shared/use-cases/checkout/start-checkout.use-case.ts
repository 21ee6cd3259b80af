import { createHash, randomUUID } from 'node:crypto';
import { MAX_NIGHTS, MAX_ROOMS, type Booking, type GuestInfo } from '#domain/booking.ts';
import { HotelInactiveError } from '#domain/catalog-errors.ts';
import { IdempotencyKeyReusedError, OutsideBookingWindowError, SoldOutError, StayRestrictedError } from '#domain/booking-errors.ts';
import { assertBeforeSameDayCutoff, choosePlan, snapshotPolicy } from '#domain/booking-policy.ts';
import { restrictionViolation } from '#domain/inventory.ts';
import { addDays, daysBetween, todayIn, type IsoDate } from '#domain/dates.ts';
import { DomainError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { bookingHorizonOf, isHotelActive } from '#domain/hotel.ts';
import { localeForCountry, type Locale } from '#domain/locale.ts';
import type { BookingRepository, IdempotencyRecord } from '#ports/booking.repository.ts';
import type { HotelCatalogReader } from '#ports/hotel-catalog.repository.ts';
import type { InventoryReader } from '#ports/inventory.repository.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import type { SagaStarter } from '#ports/saga-starter.port.ts';
import type { HoldRepository } from '#ports/hold.repository.ts';
import { unbookableReason } from '#domain/pms-config.ts';
import { PmsUnavailableError } from '#domain/pms-errors.ts';
import { executionNameFor, sagaInputFor } from './saga-execution.ts';

export { executionNameFor } from './saga-execution.ts';

export interface CheckoutRequest {
  hotelId: string;
  roomTypeId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  rooms: number;
  guests: number;
  guestInfo: GuestInfo;
  specialRequests?: string;
  payment: { paymentMethodId: string };
  vendor?: string;
  /** The rate plan whose terms the guest accepts; default: the room type's first active plan. */
  ratePlanId?: string;
  /** The language of the guest's mail; the hotel country's when absent. */
  locale?: Locale;
}

/** The signed-in guest who checks out (a verified token on the checkout route); absent for anonymous guests. */
export interface CheckoutOwner {
  sub: string;
  /** From the token (`custom:vip_level`, set by staff only): room-assignment priority. */
  vipLevel?: number;
}

export interface CheckoutDeps {
  bookings: BookingRepository;
  catalog: HotelCatalogReader;
  inventory: InventoryReader;
  /** Whether a PMS-managed hotel takes bookings now (its config on, its credentials accepted). */
  pmsConfigs: Pick<PmsConfigRepository, 'findByHotel'>;
  saga: SagaStarter;
  /** Where the hold of a hotel without a PMS is placed, in the booking's own transaction. */
  holds: Pick<HoldRepository, 'placeForCheckout'>;
  holdTtlSeconds: number;
  clock: () => Date;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with sorted keys: two bodies that mean the same hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function newBookingId(): string {
  return `bk_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}

function field(name: string, message: string) {
  return new ValidationError(`${name}: ${message}`, [{ field: name, message }]);
}

/**
 * Accepts a checkout: checks the stay, prices it from our own per-night rates, refuses at once
 * (without starting a saga) when a night lacks rooms, stores the PENDING booking together with the
 * idempotency record, and starts the saga. A repeat of the same key with the same body joins the
 * first attempt; with another body it is refused.
 */
export async function startCheckout(
  deps: CheckoutDeps,
  input: {
    idempotencyKey: string;
    request: CheckoutRequest;
    owner?: CheckoutOwner;
    /**
     * Called as soon as the booking exists (stored now, or found for a repeated key), before the saga
     * is started: from then on, whatever happens, the caller can answer `202 PENDING` with its id.
     */
    onStored?: (bookingId: string) => void;
  },
): Promise<{ bookingId: string }> {
  const keyHash = sha256(input.idempotencyKey);
  // The owner is part of the request: the same key sent by another account (or anonymously) is another request.
  const requestHash = sha256(canonicalJson(input.owner ? { ...input.request, ownerSub: input.owner.sub } : input.request));
  // No look-up of the key first: the booking transaction's condition decides, and a refusal looks
  // the key up then (a retry may be refused today for what its first attempt booked yesterday).
  let booking: Booking;
  try {
    booking = await acceptable(deps, input, keyHash);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const existing = await deps.bookings.getIdempotencyRecord(keyHash);
    if (existing) return resume(deps, existing, requestHash, input.onStored);
    throw error;
  }
  const record: IdempotencyRecord = { keyHash, requestHash, bookingId: booking.bookingId, createdAt: booking.createdAt };
  const stored = booking.pms.vendor ? { booking, outcome: await deps.bookings.createPending(booking, record) } : await storeWithHold(deps, booking, record);
  if (!stored.outcome.created) return resume(deps, stored.outcome.existing, requestHash, input.onStored);
  input.onStored?.(booking.bookingId);
  await deps.saga.start(executionNameFor(keyHash), sagaInputFor(stored.booking));
  return { bookingId: booking.bookingId };
}

/**
 * A hotel without a PMS has nobody else to ask for its rooms, so the checkout takes them itself:
 * the booking (its journal saying `hold`), its idempotency record and the hold are one transaction,
 * and the saga's HoldRooms step has nothing left to write. Rooms another checkout took since the
 * availability read make it `SoldOutError` with nothing stored, as the hold step's refusal would
 * have, only sooner. A booking whose saga then never starts keeps its hold until the hold expires
 * (the expiry job) or the recovery job settles the booking, as a held booking always did.
 */
async function storeWithHold(deps: CheckoutDeps, booking: Booking, record: IdempotencyRecord) {
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + deps.holdTtlSeconds * 1000).toISOString();
  const held: Booking = { ...booking, holdExpiresAt: expiresAt, steps: [{ name: 'hold', status: 'SUCCEEDED', at: now.toISOString() }] };
  const hold = { bookingId: booking.bookingId, hotelId: booking.hotelId, roomTypeId: booking.roomTypeId, nights: booking.nights, rooms: booking.rooms, expiresAt };
  // The saga's input comes from the booking stored: it says the hold exists.
  return { booking: held, outcome: await deps.holds.placeForCheckout(hold, held, record, now) };
}

/**
 * The booking a first attempt would store: the stay checked and priced from our own per-night
 * rates, refused (a `DomainError`) when the hotel, the rules or the rooms do not allow it.
 */
async function acceptable(deps: CheckoutDeps, input: { request: CheckoutRequest; owner?: CheckoutOwner }, keyHash: string): Promise<Booking> {
  const req = input.request;
  const nightsCount = daysBetween(req.checkIn, req.checkOut);
  if (nightsCount < 1) throw field('body.checkOut', 'must be after checkIn');
  if (nightsCount > MAX_NIGHTS) throw field('body.checkOut', `a stay is at most ${MAX_NIGHTS} nights`);
  if (req.rooms < 1 || req.rooms > MAX_ROOMS) throw field('body.rooms', `must be 1 to ${MAX_ROOMS}`);

  const { hotel, roomType, ratePlans: plans } = await deps.catalog.getCheckoutCatalog(req.hotelId, req.roomTypeId);
  if (!hotel) throw new NotFoundError('Hotel', req.hotelId);
  // Deactivated (soft-deleted): no new bookings; bookings made before stand.
  if (!isHotelActive(hotel)) throw new HotelInactiveError(hotel.hotelId);
  if (!roomType || !roomType.isActive) throw new NotFoundError('Room type', `${req.hotelId}/${req.roomTypeId}`);
  if (req.vendor && req.vendor !== hotel.pms?.vendor) {
    throw field('body.vendor', `this hotel is not managed in ${req.vendor}`);
  }
  if (hotel.pms) {
    // One cheap read, before anything is stored: a hotel its PMS cannot take bookings for is refused now.
    const unbookable = unbookableReason(await deps.pmsConfigs.findByHotel(hotel.hotelId));
    if (unbookable) throw new PmsUnavailableError(unbookable, { vendor: hotel.pms.vendor });
  }
  const today = todayIn(hotel.timeZone, deps.clock());
  if (req.checkIn < today) throw field('body.checkIn', `is in the past for the hotel (today there is ${today})`);
  assertBeforeSameDayCutoff(hotel, req.checkIn, deps.clock());
  const lastNight = addDays(req.checkOut, -1);
  const lastBookableNight = addDays(today, bookingHorizonOf(hotel));
  if (lastNight > lastBookableNight) {
    throw new OutsideBookingWindowError(
      `This hotel sells stays up to ${bookingHorizonOf(hotel)} days ahead: the last night you can book now is ${lastBookableNight}.`,
      { details: [{ field: 'body.checkOut', message: `the last night must be on or before ${lastBookableNight}` }] },
    );
  }
  if (req.guests > roomType.maxOccupancy * req.rooms) {
    throw field('body.guests', `${req.rooms} room(s) of this type sleep at most ${roomType.maxOccupancy * req.rooms}`);
  }

  // The terms the guest accepts are copied onto the booking: a later edit of the plan changes nothing.
  const plan = choosePlan(plans, req.ratePlanId);
  if (req.ratePlanId && !plan) throw new NotFoundError('Rate plan', `${req.hotelId}/${req.roomTypeId}/${req.ratePlanId}`);

  // The departure day's night too: closed-to-departure is a rule of that day.
  const withDeparture = await deps.inventory.getNights(req.hotelId, req.roomTypeId, req.checkIn, req.checkOut);
  const violation = restrictionViolation(req, withDeparture);
  if (violation) throw new StayRestrictedError(violation.code, violation.message, { date: violation.date });
  const nights = withDeparture.filter((n) => n.date < req.checkOut);
  const short = nights.length < nightsCount || nights.some((n) => n.remaining < req.rooms);
  if (short) throw new SoldOutError('There are not enough rooms left for these dates.');
  const currency = nights[0]!.currency;
  const totalMinor = nights.reduce((sum, n) => sum + n.priceMinor, 0) * req.rooms;

  const now = deps.clock().toISOString();
  return {
    bookingId: newBookingId(),
    idempotencyKey: keyHash,
    hotelId: req.hotelId,
    roomTypeId: req.roomTypeId,
    checkIn: req.checkIn,
    checkOut: req.checkOut,
    nights: nights.map((n) => n.date),
    rooms: req.rooms,
    guests: req.guests,
    guestInfo: req.guestInfo,
    ...(req.specialRequests ? { specialRequests: req.specialRequests } : {}),
    paymentMethodId: req.payment.paymentMethodId,
    totalMinor,
    currency,
    status: 'PENDING',
    steps: [],
    payment: { status: 'NONE', amountMinor: totalMinor, currency },
    pms: { status: 'NONE', ...(hotel.pms ? { vendor: hotel.pms.vendor } : {}) },
    policy: snapshotPolicy({ hotel, roomType, plan, checkIn: req.checkIn, nightlyPrices: nights.map((n) => ({ date: n.date, priceMinor: n.priceMinor })) }),
    ...(input.owner ? { ownerSub: input.owner.sub } : {}),
    ...(input.owner?.vipLevel !== undefined ? { vipLevel: input.owner.vipLevel } : {}),
    locale: req.locale ?? localeForCountry(hotel.country),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A key seen before: same body -> the same booking; else 422. A booking still PENDING gets its saga
 * started if it never was (`exists` otherwise: it runs, or it ended and the recovery job settles
 * the booking); a settled booking is its own answer, and no saga is started for it.
 */
async function resume(deps: CheckoutDeps, existing: IdempotencyRecord, requestHash: string, onStored?: (bookingId: string) => void) {
  if (existing.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
  onStored?.(existing.bookingId);
  const booking = await deps.bookings.get(existing.bookingId);
  if (booking?.status === 'PENDING') await deps.saga.start(executionNameFor(existing.keyHash), sagaInputFor(booking));
  return { bookingId: existing.bookingId };
}
