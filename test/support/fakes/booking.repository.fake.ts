import { byTimeline, canGuestSee, type Booking, type BookingStep } from '../../../shared/domain/booking.ts';
import { emailKey, nameKeys } from '../../../shared/domain/booking-search.ts';
import type {
  BookingListPage,
  BookingListQuery,
  BookingPatch,
  BookingRepository,
  BookingSearchQuery,
  BookingSearchReader,
  CreateOutcome,
  GuestBookingQuery,
  GuestBookingReader,
  IdempotencyRecord,
  StepEntries,
  TransitionRequest,
} from '../../../shared/ports/booking.repository.ts';

type StoredBooking = Omit<Booking, 'steps'> & { stepLog: Record<string, BookingStep> };

const copy = <T>(value: T): T => structuredClone(value);

function toBooking(stored: StoredBooking): Booking {
  const { stepLog, ...rest } = copy(stored);
  return { ...rest, steps: Object.values(stepLog).sort(byTimeline) };
}

/** The sort key both booking indexes use: check-in, then id; lists read it newest first. */
const sortKeyOf = (b: Pick<Booking, 'checkIn' | 'bookingId'>) => `${b.checkIn}#${b.bookingId}`;

/**
 * Bookings and idempotency records in memory, with the DynamoDB adapter's rules:
 * - `createPending` writes the record and the booking together, or neither; a taken key returns
 *   the existing record; a taken booking id (with a free key) throws, as the transaction would.
 * - `recordStep` keeps one timeline entry per step name, refuses status changes the adapter's
 *   conditions refuse (CONFIRMED is final, FAILED only rises to NEEDS_ATTENTION, PENDING never
 *   returns) and then records the rest of the patch alone, and throws for an unknown booking.
 * - `listForGuest` reads newest booked first the bookings the guest owns or (without an owner) has
 *   the verified e-mail of, with the status and upcoming/past filters.
 * - `advance` records a forward step only while the booking is PENDING and not compensating
 *   (`undefined` and nothing written otherwise); `beginCompensation` sets `compensation` once and
 *   refuses a CONFIRMED booking; `claimPmsCreate` moves `pms.createAttempts` from the count seen
 *   to the next, only while the booking advances; `listPending` lists PENDING bookings created before a time, oldest first.
 * - `list` reads newest check-in first, by hotel, by a set of hotels or across all, with an opaque position (`next`); a position
 *   it did not hand out is a `ValidationError`. Pages are filled up to `limit` after the status
 *   filter (what issue 11 asks of the adapter; the DynamoDB adapter may still return short pages).
 *
 * - `search` matches the DynamoDB search keys (`#domain/booking-search.ts`): an e-mail exactly (newest
 *   booked first), a name key by prefix (name order), with the list's filters; `startedBetween`
 *   reads a hotel's bookings by `createdAt`.
 *
 * Everything stored and returned is a copy, so a caller mutating a result changes nothing here.
 */
export class FakeBookingRepository implements BookingRepository, GuestBookingReader, BookingSearchReader {
  private readonly bookings = new Map<string, StoredBooking>();
  private readonly records = new Map<string, IdempotencyRecord>();

  async createPending(booking: Booking, idempotency: IdempotencyRecord): Promise<CreateOutcome> {
    const existing = this.records.get(idempotency.keyHash);
    if (existing) return { created: false, existing: copy(existing) };
    if (this.bookings.has(booking.bookingId)) throw new Error(`Booking ${booking.bookingId} already exists`);
    const { steps, ...rest } = copy(booking);
    this.records.set(idempotency.keyHash, copy(idempotency));
    this.bookings.set(booking.bookingId, { ...rest, stepLog: Object.fromEntries(steps.map((s) => [s.name, s])) });
    return { created: true };
  }

  async getIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined> {
    const record = this.records.get(keyHash);
    return record ? copy(record) : undefined;
  }

  async get(bookingId: string): Promise<Booking | undefined> {
    const stored = this.bookings.get(bookingId);
    return stored ? toBooking(stored) : undefined;
  }

  async recordStep(bookingId: string, step: BookingStep | undefined, patch: BookingPatch, now: Date): Promise<Booking> {
    const stored = this.bookings.get(bookingId);
    if (!stored) throw new Error(`Booking ${bookingId} does not exist`);
    if (patch.status && !statusMayChange(stored.status, patch.status)) {
      return this.recordStep(bookingId, step, { ...patch, status: undefined }, now);
    }
    const next = copy(stored);
    next.updatedAt = now.toISOString();
    if (step) next.stepLog[step.name] = copy(step);
    for (const field of ['failureCode', 'confirmationNumber', 'holdExpiresAt', 'refundDueMinor', 'resolution'] as const) {
      if (patch[field] !== undefined) (next as Record<string, unknown>)[field] = patch[field];
    }
    for (const group of ['payment', 'pms'] as const) {
      for (const [field, value] of Object.entries(patch[group] ?? {})) {
        if (value !== undefined) (next[group] as Record<string, unknown>)[field] = copy(value);
      }
    }
    if (patch.status) next.status = patch.status;
    this.bookings.set(bookingId, next);
    return toBooking(next);
  }

  async transition(bookingId: string, change: TransitionRequest, now: Date): Promise<Booking | undefined> {
    const stored = this.bookings.get(bookingId);
    if (!stored || !change.from.includes(stored.status)) return undefined;
    const lock = change.lock;
    if (lock) {
      if (('claim' in lock || 'free' in lock) && stored.change) return undefined;
      if ('holder' in lock && stored.change?.changeId !== lock.holder) return undefined;
    }
    const next = copy(stored);
    next.status = change.to;
    next.updatedAt = now.toISOString();
    if (change.step) next.stepLog[change.step.name] = copy(change.step);
    const patch = change.patch ?? {};
    for (const field of ['failureCode', 'confirmationNumber', 'holdExpiresAt', 'refundDueMinor', 'cancellation', 'modificationCount', 'resolution'] as const) {
      if (patch[field] !== undefined) (next as Record<string, unknown>)[field] = copy(patch[field]);
    }
    for (const group of ['payment', 'pms'] as const) {
      for (const [field, value] of Object.entries(patch[group] ?? {})) {
        if (value !== undefined) (next[group] as Record<string, unknown>)[field] = copy(value);
      }
    }
    if (patch.stay) Object.assign(next, copy(patch.stay));
    if (lock && 'claim' in lock) next.change = copy(lock.claim);
    if (lock && 'holder' in lock && lock.finish) {
      next.changes = [...(next.changes ?? []), copy(lock.finish)];
      delete next.change;
    }
    this.bookings.set(bookingId, next);
    return toBooking(next);
  }

  async advance(bookingId: string, step: StepEntries, patch: BookingPatch, now: Date): Promise<Booking | undefined> {
    const stored = this.bookings.get(bookingId);
    if (!stored) throw new Error(`Booking ${bookingId} does not exist`);
    if (stored.status !== 'PENDING' || stored.compensation) return undefined;
    const entries = step === undefined ? [] : Array.isArray(step) ? step : [step as BookingStep];
    // One write in the adapter: every entry and the patch together.
    for (const entry of entries.slice(0, -1)) await this.recordStep(bookingId, entry, {}, now);
    return this.recordStep(bookingId, entries.at(-1), patch, now);
  }

  async claimPmsCreate(bookingId: string, seen: number, now: Date): Promise<boolean> {
    const stored = this.bookings.get(bookingId);
    if (!stored) throw new Error(`Booking ${bookingId} does not exist`);
    if (stored.status !== 'PENDING' || stored.compensation || (stored.pms.createAttempts ?? 0) !== seen) return false;
    const next = copy(stored);
    next.pms.createAttempts = seen + 1;
    next.pms.createAttemptedAt = now.toISOString();
    next.updatedAt = now.toISOString();
    this.bookings.set(bookingId, next);
    return true;
  }

  async beginCompensation(bookingId: string, reason: string, now: Date): Promise<Booking | undefined> {
    const stored = this.bookings.get(bookingId);
    if (!stored) throw new Error(`Booking ${bookingId} does not exist`);
    if (stored.status === 'CONFIRMED') return undefined;
    const next = copy(stored);
    next.compensation ??= { since: now.toISOString(), reason };
    next.updatedAt = now.toISOString();
    this.bookings.set(bookingId, next);
    return toBooking(next);
  }

  async listPending(createdBefore: Date, limit: number): Promise<Booking[]> {
    return [...this.bookings.values()]
      .filter((b) => b.status === 'PENDING' && b.createdAt < createdBefore.toISOString())
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.bookingId.localeCompare(b.bookingId))
      .slice(0, limit)
      .map(toBooking);
  }

  async list(query: BookingListQuery): Promise<BookingListPage> {
    const after = query.after?.sortKey as string | undefined;
    const from = query.from ?? '0000-00-00';
    const to = `${query.to ?? '9999-12-31'}#~`;
    const matching = [...this.bookings.values()]
      .filter((b) => !query.hotelId || b.hotelId === query.hotelId)
      .filter((b) => query.hotelId || !query.hotelIds || query.hotelIds.includes(b.hotelId))
      .filter((b) => (!query.from && !query.to) || (sortKeyOf(b) >= from && sortKeyOf(b) <= to))
      .filter((b) => !query.status || b.status === query.status)
      .sort((a, b) => sortKeyOf(b).localeCompare(sortKeyOf(a)))
      .filter((b) => after === undefined || sortKeyOf(b) < after);
    const items = matching.slice(0, query.limit);
    const last = items.at(-1);
    const next = matching.length > items.length && last ? { sortKey: sortKeyOf(last) } : undefined;
    return { items: items.map(toBooking), ...(next ? { next } : {}) };
  }

  async listForGuest(query: GuestBookingQuery): Promise<BookingListPage> {
    const after = query.after?.sortKey as string | undefined;
    const key = (b: StoredBooking) => `${b.createdAt}#${b.bookingId}`;
    const matching = [...this.bookings.values()]
      .filter((b) => canGuestSee(b, { subject: query.ownerSub, ...(query.verifiedEmail ? { verifiedEmail: query.verifiedEmail } : {}) }))
      .filter((b) => !query.status || b.status === query.status)
      .filter((b) => !query.when || (query.when === 'upcoming' ? b.checkOut > query.today : b.checkOut <= query.today))
      .sort((a, b) => key(b).localeCompare(key(a)))
      .filter((b) => after === undefined || key(b) < after);
    const items = matching.slice(0, query.limit);
    const last = items.at(-1);
    const next = matching.length > items.length && last ? { sortKey: key(last) } : undefined;
    return { items: items.map(toBooking), ...(next ? { next } : {}) };
  }

  async search(query: BookingSearchQuery): Promise<BookingListPage> {
    const { term } = query;
    const after = query.after?.sortKey as string | undefined;
    const keyed = [...this.bookings.values()].flatMap((b) => {
      if (term.kind === 'email') return emailKey(b.guestInfo.email) === term.email ? [{ b, key: `${b.createdAt}#${b.bookingId}` }] : [];
      const key = nameKeys(b.guestInfo).filter((k) => k.startsWith(term.prefix)).sort()[0];
      return key === undefined ? [] : [{ b, key: `${key}#${b.bookingId}` }];
    });
    // Names ascending, an e-mail's bookings newest first; the position compares in that order.
    const ascending = term.kind === 'name';
    const matching = keyed
      .filter(({ b }) => (query.hotelId !== undefined ? b.hotelId === query.hotelId : !query.hotelIds || query.hotelIds.includes(b.hotelId)))
      .filter(({ b }) => (!query.status || b.status === query.status) && (!query.from || b.checkIn >= query.from) && (!query.to || b.checkIn <= query.to))
      .sort((x, y) => (ascending ? x.key.localeCompare(y.key) : y.key.localeCompare(x.key)))
      .filter(({ key }) => after === undefined || (ascending ? key > after : key < after));
    const items = matching.slice(0, query.limit);
    const last = items.at(-1);
    const next = matching.length > items.length && last ? { sortKey: last.key } : undefined;
    return { items: items.map(({ b }) => toBooking(b)), ...(next ? { next } : {}) };
  }

  async startedBetween(hotelId: string, from: string, to: string, limit: number): Promise<{ bookings: Booking[]; complete: boolean }> {
    const found = [...this.bookings.values()]
      .filter((b) => b.hotelId === hotelId && b.createdAt >= from && b.createdAt < to)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { bookings: found.slice(0, limit).map(toBooking), complete: found.length <= limit };
  }

  /** Test helper: stores a booking as it is (no idempotency record), replacing one with its id. */
  seed(booking: Booking): void {
    const { steps, ...rest } = copy(booking);
    this.bookings.set(booking.bookingId, { ...rest, stepLog: Object.fromEntries(steps.map((s) => [s.name, s])) });
  }

  /** Test helper: every stored booking. */
  all(): Booking[] {
    return [...this.bookings.values()].map(toBooking);
  }
}

/** The adapter's conditions: NEEDS_ATTENTION unless CONFIRMED; anything else only from PENDING or to itself. */
function statusMayChange(current: Booking['status'], next: Booking['status']): boolean {
  if (next === 'NEEDS_ATTENTION') return current !== 'CONFIRMED';
  return current === 'PENDING' || current === next;
}
