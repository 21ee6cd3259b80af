import { HoldExpiredError, SagaAbandonedError, SoldOutError } from '../../../shared/domain/booking-errors.ts';
import { moveDeltas } from '../../../shared/domain/inventory.ts';
import type { Hold, HoldJournal, HoldRepository, ReleaseOutcome, StayMove } from '../../../shared/ports/hold.repository.ts';
import type { BookingRepository, CreateOutcome, IdempotencyRecord } from '../../../shared/ports/booking.repository.ts';
import type { Booking } from '../../../shared/domain/booking.ts';
import { FakeInventory } from './inventory.repository.fake.ts';
import type { IsoDate } from '../../../shared/domain/dates.ts';

/** The adapter compares expiry in whole epoch seconds (`expiresAtEpoch`). */
const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * Holds in memory over a `FakeInventory`, with the DynamoDB adapter's rules: a hold and the night
 * counters it moves change together, so `reserved` always equals the rooms of HELD and CONVERTED
 * holds.
 * - `place` takes `rooms` on every night or on none, and throws `SoldOutError` naming the short
 *   nights (a night that does not exist is short); placing again for the booking returns the
 *   existing hold, or throws `HoldExpiredError` when it was released.
 * - `convert` works once while HELD and unexpired (to the second), repeats return the converted
 *   hold, and anything else is `HoldExpiredError`.
 * - `release` gives the rooms back exactly once; `releaseExpired` releases only HELD holds whose
 *   expiry passed, oldest first, at most `limit`.
 */
export class FakeHoldRepository implements HoldRepository {
  private readonly holds = new Map<string, Hold>();

  /**
   * `bookings`: where a journal (`place`'s, `convertRecording`'s) is recorded, as the adapter does
   * in the hold's transaction: a booking that no longer advances refuses it, and then nothing moves.
   */
  constructor(
    readonly inventory: FakeInventory = new FakeInventory(),
    private readonly bookings?: Pick<BookingRepository, 'get' | 'advance' | 'createPending' | 'getIdempotencyRecord'>,
  ) {}

  /** Whether the booking still advances (PENDING, not compensating), as the journal's condition asks. */
  private async advances(bookingId: string): Promise<boolean> {
    if (!this.bookings) throw new Error('FakeHoldRepository: pass the booking repository to record a journal');
    const booking = await this.bookings.get(bookingId);
    return booking?.status === 'PENDING' && !booking.compensation;
  }

  private async record(bookingId: string, journal: HoldJournal, now: Date): Promise<void> {
    if (!(await this.bookings!.advance(bookingId, journal.step, journal.patch, now))) {
      throw new SagaAbandonedError('The booking started compensating before this step could record its result; nothing was written.');
    }
  }

  async convertRecording(bookingId: string, journal: HoldJournal, now: Date): Promise<void> {
    const hold = this.holds.get(bookingId);
    if (hold?.status === 'CONVERTED') return this.record(bookingId, journal, now);
    if (!(hold?.status === 'HELD' && epochSeconds(hold.expiresAt) > Math.floor(now.getTime() / 1000))) {
      throw new HoldExpiredError('The hold on these rooms ran out before the booking was confirmed.');
    }
    if (!(await this.advances(bookingId))) await this.record(bookingId, journal, now);
    await this.convert(bookingId, now);
    await this.record(bookingId, journal, now);
  }

  async place(input: Omit<Hold, 'status' | 'createdAt'>, now: Date, journal?: (hold: Hold) => HoldJournal): Promise<Hold> {
    const existing = this.holds.get(input.bookingId);
    if (existing) {
      if (existing.status === 'RELEASED') throw new HoldExpiredError('The hold on these rooms was already released.');
      if (journal) await this.record(input.bookingId, journal(structuredClone(existing)), now);
      return structuredClone(existing);
    }
    const short = this.inventory.shortNights(input.hotelId, input.roomTypeId, input.nights, input.rooms);
    if (short.length > 0) throw new SoldOutError(`Not enough rooms left on ${short.join(', ')}.`);
    const hold: Hold = { ...structuredClone(input), status: 'HELD', createdAt: now.toISOString() };
    // One transaction in the adapter: a booking that no longer advances refuses the journal, and nothing is taken.
    if (journal && !(await this.advances(hold.bookingId))) await this.record(hold.bookingId, journal(hold), now);
    this.inventory.adjust(hold.hotelId, hold.roomTypeId, hold.nights, hold.rooms, now, { bookingId: hold.bookingId, reason: 'checkout' });
    this.holds.set(hold.bookingId, hold);
    if (journal) await this.record(hold.bookingId, journal(structuredClone(hold)), now);
    return structuredClone(hold);
  }

  async placeForCheckout(input: Omit<Hold, 'status' | 'createdAt'>, booking: Booking, idempotency: IdempotencyRecord, now: Date): Promise<CreateOutcome> {
    if (!this.bookings) throw new Error('FakeHoldRepository: pass the booking repository to store a booking with its hold');
    // One transaction in the adapter: nothing is written unless the key is free and every night has the rooms.
    const short = this.inventory.shortNights(input.hotelId, input.roomTypeId, input.nights, input.rooms);
    if (short.length === 0) {
      const outcome = await this.bookings.createPending(booking, idempotency);
      if (outcome.created) await this.place(input, now);
      return outcome;
    }
    // As the adapter on a refusal: a taken key is the retry's own booking, not SOLD_OUT.
    const existing = await this.bookings.getIdempotencyRecord(idempotency.keyHash);
    if (existing) return { created: false, existing };
    throw new SoldOutError(`Not enough rooms left on ${short.join(', ')}.`);
  }

  async get(bookingId: string): Promise<Hold | undefined> {
    const hold = this.holds.get(bookingId);
    return hold ? structuredClone(hold) : undefined;
  }

  async convert(bookingId: string, now: Date): Promise<Hold> {
    const hold = this.holds.get(bookingId);
    if (hold?.status === 'HELD' && epochSeconds(hold.expiresAt) > Math.floor(now.getTime() / 1000)) {
      hold.status = 'CONVERTED';
      return structuredClone(hold);
    }
    if (hold?.status === 'CONVERTED') return structuredClone(hold);
    throw new HoldExpiredError('The hold on these rooms ran out before the booking was confirmed.');
  }

  async release(bookingId: string, reason: string, now: Date): Promise<ReleaseOutcome> {
    const hold = this.holds.get(bookingId);
    if (!hold) return 'NO_HOLD';
    if (hold.status === 'RELEASED') return 'ALREADY_RELEASED';
    this.releaseNow(hold, reason, now);
    return 'RELEASED';
  }

  async releaseExpired(now: Date, limit: number): Promise<number> {
    const stamp = now.toISOString();
    // The adapter's sparse index: HELD holds by `<expiresAt>#<bookingId>`, read below `now`.
    const due = [...this.holds.values()]
      .filter((h) => h.status === 'HELD' && `${h.expiresAt}#${h.bookingId}` < stamp)
      .sort((a, b) => `${a.expiresAt}#${a.bookingId}`.localeCompare(`${b.expiresAt}#${b.bookingId}`))
      .slice(0, limit);
    let released = 0;
    for (const hold of due) {
      if (epochSeconds(hold.expiresAt) > Math.floor(now.getTime() / 1000)) continue;
      this.releaseNow(hold, 'expired', now);
      released += 1;
    }
    return released;
  }

  async markInPms(bookingId: string, now: Date): Promise<boolean> {
    const hold = this.holds.get(bookingId);
    if (!hold || hold.status === 'RELEASED' || hold.inPms) return false;
    hold.inPms = true;
    this.inventory.countInPms(hold, hold.rooms, 'pms-confirm', 'the PMS has our hold or reservation', now);
    return true;
  }

  async unmarkInPms(bookingId: string, reason: string, now: Date): Promise<boolean> {
    const hold = this.holds.get(bookingId);
    if (!hold || hold.status === 'RELEASED' || !hold.inPms) return false;
    hold.inPms = false;
    this.inventory.countInPms(hold, -hold.rooms, 'pms-cancel', reason, now);
    return true;
  }

  async beginMove(bookingId: string, move: StayMove, now: Date): Promise<Hold> {
    const hold = this.holds.get(bookingId);
    if (!hold || hold.status !== 'CONVERTED') throw new Error(`Booking ${bookingId} has no booked stay to move`);
    if (hold.move) {
      if (hold.move.moveId === move.moveId) return structuredClone(hold);
      throw new Error(`Booking ${bookingId} is already moving (${hold.move.moveId})`);
    }
    if (hold.inPms) throw new Error(`Booking ${bookingId}: count the stay out of the PMS before moving it`);
    const taken = moveDeltas(hold, move).filter((d) => d.rooms > 0);
    const short = taken.filter((d) => this.inventory.shortNights(hold.hotelId, d.roomTypeId, [d.date], d.rooms).length > 0).map((d) => d.date);
    if (short.length > 0) throw new SoldOutError(`Not enough rooms left on ${short.join(', ')}.`);
    for (const d of taken) {
      this.inventory.adjust(hold.hotelId, d.roomTypeId, [d.date], d.rooms, now, { bookingId, reason: `modification ${move.moveId}: the new stay` });
    }
    hold.move = { ...structuredClone(move), taken };
    return structuredClone(hold);
  }

  async completeMove(bookingId: string, moveId: string, now: Date): Promise<Hold> {
    const hold = this.holds.get(bookingId);
    if (!hold) throw new Error(`Booking ${bookingId} has no hold`);
    if (!hold.move || hold.move.moveId !== moveId) return structuredClone(hold);
    if (hold.inPms) throw new Error(`Booking ${bookingId}: count the stay out of the PMS before moving it`);
    const move = hold.move;
    for (const d of moveDeltas(hold, move).filter((x) => x.rooms < 0)) {
      this.inventory.adjust(hold.hotelId, d.roomTypeId, [d.date], d.rooms, now, { bookingId, reason: `modification ${moveId}: the old stay` });
    }
    hold.roomTypeId = move.roomTypeId;
    hold.nights = [...move.nights];
    hold.rooms = move.rooms;
    delete hold.move;
    return structuredClone(hold);
  }

  async abortMove(bookingId: string, moveId: string, reason: string, now: Date): Promise<boolean> {
    const hold = this.holds.get(bookingId);
    if (!hold?.move || hold.move.moveId !== moveId) return false;
    for (const d of hold.move.taken) this.inventory.adjust(hold.hotelId, d.roomTypeId, [d.date], -d.rooms, now, { bookingId, reason });
    delete hold.move;
    return true;
  }

  async heldRooms(query: { hotelId: string; roomTypeId: string; nights: IsoDate[]; now: Date }): Promise<Map<IsoDate, number>> {
    const rooms = new Map<IsoDate, number>();
    for (const hold of this.holds.values()) {
      if (hold.status !== 'HELD' || hold.hotelId !== query.hotelId || hold.roomTypeId !== query.roomTypeId) continue;
      if (Date.parse(hold.expiresAt) <= query.now.getTime()) continue;
      for (const date of hold.nights) if (query.nights.includes(date)) rooms.set(date, (rooms.get(date) ?? 0) + hold.rooms);
    }
    return rooms;
  }

  /** Test helper: every hold as stored. */
  all(): Hold[] {
    return [...this.holds.values()].map((h) => structuredClone(h));
  }

  private releaseNow(hold: Hold, reason: string, now: Date): void {
    if (hold.move) {
      for (const d of hold.move.taken) this.inventory.adjust(hold.hotelId, d.roomTypeId, [d.date], -d.rooms, now, { bookingId: hold.bookingId, reason });
      delete hold.move;
    }
    if (hold.inPms) this.inventory.countInPms(hold, -hold.rooms, 'release', reason, now);
    hold.inPms = false;
    this.inventory.adjust(hold.hotelId, hold.roomTypeId, hold.nights, -hold.rooms, now, { bookingId: hold.bookingId, reason });
    hold.status = 'RELEASED';
    hold.releasedAt = now.toISOString();
    hold.releaseReason = reason;
  }
}
