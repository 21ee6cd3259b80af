import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { HoldExpiredError, SagaAbandonedError, SoldOutError } from '#domain/booking-errors.ts';
import type { Hold, HoldJournal, HoldMove, HoldRepository, ReleaseOutcome, StayMove } from '#ports/hold.repository.ts';
import { advanceTransactItem, DynamoDbBookingRepository, pendingBookingPuts } from './booking.dynamodb.ts';
import type { Booking } from '#domain/booking.ts';
import type { CreateOutcome, IdempotencyRecord } from '#ports/booking.repository.ts';
import { moveDeltas, type InventoryMovement, type MovementKind, type NightCounts } from '#domain/inventory.ts';
import { summaryDeltaUpdate } from './availability-summary.ts';
import type { IsoDate } from '#domain/dates.ts';
import { fromItem } from './items.ts';
import { bookingKeys, keys } from './keys.ts';
import { movementPut } from './movements.ts';
import { DEFAULT_TRANSACTION_RETRY, TransactionConditionFailed, transactWrite, type RetryPolicy } from './transactions.ts';

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The hold's HELD -> CONVERTED update while unexpired at `now`, out of the active-holds index. */
function convertUpdate(tableName: string, bookingId: string, now: Date) {
  return {
    TableName: tableName,
    Key: bookingKeys.hold(bookingId),
    ConditionExpression: '#status = :held AND expiresAtEpoch > :now',
    UpdateExpression: 'SET #status = :converted, convertedAt = :stamp REMOVE gsi1pk, gsi1sk',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':held': 'HELD', ':converted': 'CONVERTED', ':now': Math.floor(now.getTime() / 1000), ':stamp': now.toISOString() },
  };
}

function abandoned(): SagaAbandonedError {
  return new SagaAbandonedError('The booking started compensating before this step could record its result; nothing was written.');
}

/**
 * Holds and the inventory counters they move, always in one `TransactWriteItems`: one update per
 * night (`remaining >= :rooms`, then `remaining -= rooms, reserved += rooms`), the hold item, one
 * ledger movement per night, and the availability summary's mirror of each night (`ADD` on the
 * night's `remaining`, last, so the failure indexes of nights and hold keep their places). A stay
 * of up to 30 nights (`MAX_NIGHTS`) is at most 91 actions, under the 100-action limit.
 */
export class DynamoDbHoldRepository implements HoldRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retry: RetryPolicy = DEFAULT_TRANSACTION_RETRY,
  ) {}

  async place(input: Omit<Hold, 'status' | 'createdAt'>, now: Date, journal?: (hold: Hold) => HoldJournal): Promise<Hold> {
    const hold: Hold = { ...input, status: 'HELD', createdAt: now.toISOString() };
    const stamp = now.toISOString();
    const entry = journal?.(hold);
    // Last, after the summaries: the indexes of the nights and of the hold item keep their places.
    const journalIndex = hold.nights.length * 3 + 1;
    try {
      await transactWrite(
        this.doc,
        {
          TransactItems: [
            ...this.placement(hold, stamp),
            ...(entry ? [advanceTransactItem(this.tableName, hold.bookingId, entry.step, entry.patch, now)] : []),
          ],
        },
        this.retry,
      );
      return hold;
    } catch (error) {
      if (!(error instanceof TransactionConditionFailed)) throw error;
      // The hold item is after the nights: if it already exists, this is a repeat of a step that succeeded.
      if (error.failed.includes(hold.nights.length)) {
        const existing = await this.get(hold.bookingId);
        if (!existing || existing.status === 'RELEASED') throw new HoldExpiredError('The hold on these rooms was already released.');
        if (journal) {
          const again = journal(existing);
          if (!(await new DynamoDbBookingRepository(this.doc, this.tableName).advance(hold.bookingId, again.step, again.patch, now))) throw abandoned();
        }
        return existing;
      }
      if (entry && error.failed.includes(journalIndex)) throw abandoned();
      const nights = error.failed.map((i) => hold.nights[i]).join(', ');
      throw new SoldOutError(`Not enough rooms left on ${nights}.`);
    }
  }

  async placeForCheckout(input: Omit<Hold, 'status' | 'createdAt'>, booking: Booking, idempotency: IdempotencyRecord, now: Date): Promise<CreateOutcome> {
    const hold: Hold = { ...input, status: 'HELD', createdAt: now.toISOString() };
    const booked = pendingBookingPuts(this.tableName, booking, idempotency);
    try {
      await transactWrite(this.doc, { TransactItems: [...booked, ...this.placement(hold, now.toISOString())] }, this.retry);
      return { created: true };
    } catch (error) {
      if (!(error instanceof TransactionConditionFailed)) throw error;
      // The key first: a retry of a checkout that took the last rooms is its own booking, not SOLD_OUT.
      if (error.failed.includes(0)) {
        const existing = await new DynamoDbBookingRepository(this.doc, this.tableName).getIdempotencyRecord(idempotency.keyHash);
        if (existing) return { created: false, existing };
      }
      const short = error.failed.filter((i) => i >= booked.length && i < booked.length + hold.nights.length).map((i) => hold.nights[i - booked.length]);
      if (short.length === 0) throw error;
      throw new SoldOutError(`Not enough rooms left on ${short.join(', ')}.`);
    }
  }

  /**
   * A hold's placement as transaction items: one conditional update per night, the hold item (at
   * index `nights.length`), one ledger movement per night and the summary's mirror of each night.
   */
  private placement(hold: Hold, stamp: string) {
    return [
      ...hold.nights.map((date) => ({
        Update: {
          TableName: this.tableName,
          Key: keys.inventoryNight(hold.hotelId, hold.roomTypeId, date),
          ConditionExpression: 'remaining >= :rooms',
          UpdateExpression: 'SET remaining = remaining - :rooms, reserved = reserved + :rooms, updatedAt = :now',
          ExpressionAttributeValues: { ':rooms': hold.rooms, ':now': stamp },
        },
      })),
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...bookingKeys.hold(hold.bookingId),
            ...bookingKeys.activeHold(hold.expiresAt, hold.bookingId),
            entity: 'Hold',
            ...hold,
            expiresAtEpoch: epochSeconds(hold.expiresAt),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...this.movements(hold, 'hold', 'checkout', stamp, { reserved: hold.rooms, remaining: -hold.rooms }),
      ...this.summaries(hold, -hold.rooms),
    ];
  }

  async get(bookingId: string): Promise<Hold | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: bookingKeys.hold(bookingId), ConsistentRead: true }),
    );
    return Item ? stripHold(Item) : undefined;
  }

  async convert(bookingId: string, now: Date): Promise<Hold> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({ ...convertUpdate(this.tableName, bookingId, now), ReturnValues: 'ALL_NEW' }),
      );
      return stripHold(Attributes ?? {});
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(bookingId);
      if (existing?.status === 'CONVERTED') return existing;
      throw new HoldExpiredError('The hold on these rooms ran out before the booking was confirmed.');
    }
  }

  async convertRecording(bookingId: string, journal: HoldJournal, now: Date): Promise<void> {
    try {
      await transactWrite(
        this.doc,
        {
          TransactItems: [
            { Update: convertUpdate(this.tableName, bookingId, now) },
            advanceTransactItem(this.tableName, bookingId, journal.step, journal.patch, now),
          ],
        },
        this.retry,
      );
    } catch (error) {
      if (!(error instanceof TransactionConditionFailed)) throw error;
      if (!error.failed.includes(0)) throw abandoned();
      const existing = await this.get(bookingId);
      if (existing?.status !== 'CONVERTED') throw new HoldExpiredError('The hold on these rooms ran out before the booking was confirmed.');
      // A repeat of a conversion that happened: the journal is what may still be missing.
      if (!(await new DynamoDbBookingRepository(this.doc, this.tableName).advance(bookingId, journal.step, journal.patch, now))) throw abandoned();
    }
  }

  async release(bookingId: string, reason: string, now: Date): Promise<ReleaseOutcome> {
    for (;;) {
      const hold = await this.get(bookingId);
      if (!hold) return 'NO_HOLD';
      if (hold.status === 'RELEASED') return 'ALREADY_RELEASED';
      if (hold.move) {
        // A modification in flight (a hotel-side cancellation overtook it): its extra rooms go first.
        await this.abortMove(bookingId, hold.move.moveId, `${reason} (modification ${hold.move.moveId} abandoned)`, now);
        continue;
      }
      try {
        await this.releaseFrom(hold, hold.status, reason, now);
        return 'RELEASED';
      } catch (error) {
        // Someone changed the hold between our read and write (converted, or released it): look again.
        if (!(error instanceof TransactionConditionFailed)) throw error;
      }
    }
  }

  async releaseExpired(now: Date, limit: number): Promise<number> {
    // One page of at most `limit` due holds, oldest first; the caller asks again while pages are full.
    const { Items: due = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :now',
        ExpressionAttributeValues: { ':pk': bookingKeys.activeHoldPartition, ':now': now.toISOString() },
        Limit: limit,
      }),
    );
    let released = 0;
    for (const item of due) {
      const hold = stripHold(item);
      try {
        await this.releaseFrom(hold, 'HELD', 'expired', now, true);
        released += 1;
      } catch (error) {
        // Converted or released meanwhile: the index lags the item, and the item decides.
        if (!(error instanceof TransactionConditionFailed)) throw error;
      }
    }
    return released;
  }

  async beginMove(bookingId: string, move: StayMove, now: Date): Promise<Hold> {
    const hold = await this.get(bookingId);
    if (!hold || hold.status !== 'CONVERTED') throw new Error(`Booking ${bookingId} has no booked stay to move`);
    if (hold.move) {
      if (hold.move.moveId === move.moveId) return hold;
      throw new Error(`Booking ${bookingId} is already moving (${hold.move.moveId})`);
    }
    if (hold.inPms) throw new Error(`Booking ${bookingId}: count the stay out of the PMS before moving it`);
    const taken = moveDeltas(hold, move).filter((d) => d.rooms > 0);
    const recorded: HoldMove = { ...move, taken };
    const stamp = now.toISOString();
    const moved = this.stayNightActions(hold.hotelId, bookingId, taken, { kind: 'hold', reason: `modification ${move.moveId}: the new stay`, at: stamp });
    try {
      await transactWrite(
        this.doc,
        {
          TransactItems: [
            ...moved.nights,
            {
              Update: {
                TableName: this.tableName,
                Key: bookingKeys.hold(bookingId),
                ConditionExpression: '#status = :converted AND attribute_not_exists(#move) AND (attribute_not_exists(inPms) OR inPms = :false)',
                UpdateExpression: 'SET #move = :move',
                ExpressionAttributeNames: { '#status': 'status', '#move': 'move' },
                ExpressionAttributeValues: { ':converted': 'CONVERTED', ':move': recorded, ':false': false },
              },
            },
            ...moved.ledger,
          ],
        },
        this.retry,
      );
      return { ...hold, move: recorded };
    } catch (error) {
      if (!(error instanceof TransactionConditionFailed)) throw error;
      if (error.failed.includes(taken.length)) {
        // The hold changed in between: a repeat of this step that won, or something else.
        const current = await this.get(bookingId);
        if (current?.move?.moveId === move.moveId) return current;
        throw new Error(`Booking ${bookingId}'s hold changed while its stay was being moved`, { cause: error });
      }
      const short = error.failed.map((i) => taken[i]?.date).filter(Boolean);
      throw new SoldOutError(`Not enough rooms left on ${short.join(', ')}.`);
    }
  }

  async completeMove(bookingId: string, moveId: string, now: Date): Promise<Hold> {
    const hold = await this.get(bookingId);
    if (!hold) throw new Error(`Booking ${bookingId} has no hold`);
    if (!hold.move || hold.move.moveId !== moveId) {
      // Completed before (a repeat of the step): the hold already has the new stay.
      return hold;
    }
    const move = hold.move;
    const stamp = now.toISOString();
    const givenBack = this.stayNightActions(
      hold.hotelId,
      bookingId,
      moveDeltas(hold, move).filter((d) => d.rooms < 0),
      { kind: 'release', reason: `modification ${moveId}: the old stay`, at: stamp },
    );
    try {
      await transactWrite(
        this.doc,
        {
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: bookingKeys.hold(bookingId),
                ConditionExpression: '#move.moveId = :moveId AND (attribute_not_exists(inPms) OR inPms = :false)',
                UpdateExpression: 'SET roomTypeId = :roomTypeId, nights = :nights, rooms = :rooms REMOVE #move',
                ExpressionAttributeNames: { '#move': 'move' },
                ExpressionAttributeValues: { ':moveId': moveId, ':roomTypeId': move.roomTypeId, ':nights': move.nights, ':rooms': move.rooms, ':false': false },
              },
            },
            ...givenBack.nights,
            ...givenBack.ledger,
          ],
        },
        this.retry,
      );
    } catch (error) {
      if (!(error instanceof TransactionConditionFailed)) throw error;
      const current = await this.get(bookingId);
      if (current && !current.move) return current;
      throw new Error(`Booking ${bookingId}'s move ${moveId} could not complete`, { cause: error });
    }
    const { move: _done, ...moved } = hold;
    return { ...moved, roomTypeId: move.roomTypeId, nights: move.nights, rooms: move.rooms };
  }

  async abortMove(bookingId: string, moveId: string, reason: string, now: Date): Promise<boolean> {
    const hold = await this.get(bookingId);
    if (!hold?.move || hold.move.moveId !== moveId) return false;
    const stamp = now.toISOString();
    // What `beginMove` took goes back: the same nights, the opposite sign.
    const undone = this.stayNightActions(
      hold.hotelId,
      bookingId,
      hold.move.taken.map((d) => ({ ...d, rooms: -d.rooms })),
      { kind: 'release', reason, at: stamp },
    );
    try {
      await transactWrite(
        this.doc,
        {
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: bookingKeys.hold(bookingId),
                ConditionExpression: '#move.moveId = :moveId',
                UpdateExpression: 'REMOVE #move',
                ExpressionAttributeNames: { '#move': 'move' },
                ExpressionAttributeValues: { ':moveId': moveId },
              },
            },
            ...undone.nights,
            ...undone.ledger,
          ],
        },
        this.retry,
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionConditionFailed) return false;
      throw error;
    }
  }

  async heldRooms(query: { hotelId: string; roomTypeId: string; nights: IsoDate[]; now: Date }): Promise<Map<IsoDate, number>> {
    // The sparse index of HELD holds, from `now` on (unexpired), narrowed to the room type.
    const wanted = new Set(query.nights);
    const rooms = new Map<IsoDate, number>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk > :now',
          FilterExpression: 'hotelId = :hotel AND roomTypeId = :roomType AND #status = :held',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pk': bookingKeys.activeHoldPartition,
            ':now': query.now.toISOString(),
            ':hotel': query.hotelId,
            ':roomType': query.roomTypeId,
            ':held': 'HELD',
          },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const hold = stripHold(item);
        for (const date of hold.nights) if (wanted.has(date)) rooms.set(date, (rooms.get(date) ?? 0) + hold.rooms);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return rooms;
  }

  async markInPms(bookingId: string, now: Date): Promise<boolean> {
    return this.moveInPms(bookingId, true, 'pms-confirm', 'the PMS has our hold or reservation', now);
  }

  async unmarkInPms(bookingId: string, reason: string, now: Date): Promise<boolean> {
    return this.moveInPms(bookingId, false, 'pms-cancel', reason, now);
  }

  /** Flips the hold's `inPms` and moves the nights' `inPms` by its rooms, in one transaction, once. */
  private async moveInPms(bookingId: string, counted: boolean, kind: MovementKind, reason: string, now: Date): Promise<boolean> {
    const hold = await this.get(bookingId);
    if (!hold || hold.status === 'RELEASED' || Boolean(hold.inPms) === counted) return false;
    const stamp = now.toISOString();
    const rooms = counted ? hold.rooms : -hold.rooms;
    try {
      await transactWrite(
        this.doc,
        {
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: bookingKeys.hold(bookingId),
                ConditionExpression: counted
                  ? '#status <> :released AND (attribute_not_exists(inPms) OR inPms = :false)'
                  : '#status <> :released AND inPms = :true',
                UpdateExpression: 'SET inPms = :counted',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':released': 'RELEASED', ':counted': counted, ...(counted ? { ':false': false } : { ':true': true }) },
              },
            },
            ...hold.nights.map((date) => ({
              Update: {
                TableName: this.tableName,
                Key: keys.inventoryNight(hold.hotelId, hold.roomTypeId, date),
                UpdateExpression: 'ADD inPms :rooms SET updatedAt = :now',
                ExpressionAttributeValues: { ':rooms': rooms, ':now': stamp },
              },
            })),
            ...this.movements(hold, kind, reason, stamp, { inPms: rooms }),
          ],
        },
        this.retry,
      );
      return true;
    } catch (error) {
      // Released or flipped by someone else between our read and write: nothing left to do here.
      if (error instanceof TransactionConditionFailed) return false;
      throw error;
    }
  }

  /**
   * A stay's rooms moving night by night (`rooms` > 0 takes them, < 0 gives them back): each night's
   * counters (a take is conditioned on the rooms being there), then its summary mirror and its
   * ledger movement. Returned apart, because callers place the nights where their error handling
   * counts on them (a failed condition names the night by its index).
   */
  private stayNightActions(
    hotelId: string,
    bookingId: string,
    deltas: readonly { roomTypeId: string; date: IsoDate; rooms: number }[],
    movement: { kind: MovementKind; reason: string; at: string },
  ) {
    const nights = deltas.map((d) => ({
      Update: {
        TableName: this.tableName,
        Key: keys.inventoryNight(hotelId, d.roomTypeId, d.date),
        ...(d.rooms > 0
          ? {
              ConditionExpression: 'remaining >= :rooms',
              UpdateExpression: 'SET remaining = remaining - :rooms, reserved = reserved + :rooms, updatedAt = :now',
            }
          : { UpdateExpression: 'SET remaining = remaining + :rooms, reserved = reserved - :rooms, updatedAt = :now' }),
        ExpressionAttributeValues: { ':rooms': Math.abs(d.rooms), ':now': movement.at },
      },
    }));
    const ledger = [
      ...deltas.map((d) => summaryDeltaUpdate(this.tableName, { hotelId, roomTypeId: d.roomTypeId, date: d.date }, -d.rooms)),
      ...deltas.map((d) =>
        movementPut(this.tableName, {
          hotelId,
          roomTypeId: d.roomTypeId,
          date: d.date,
          ...movement,
          ref: { type: 'booking', id: bookingId },
          delta: { reserved: d.rooms, remaining: -d.rooms },
        }),
      ),
    ];
    return { nights, ledger };
  }

  /** The availability summary's mirror of `remaining` moving by `delta` on each night of the hold. */
  private summaries(hold: Hold, delta: number) {
    return hold.nights.map((date) => summaryDeltaUpdate(this.tableName, { hotelId: hold.hotelId, roomTypeId: hold.roomTypeId, date }, delta));
  }

  /** One ledger movement per night of the hold. */
  private movements(hold: Hold, kind: MovementKind, reason: string, at: string, delta: Partial<NightCounts>) {
    return hold.nights.map((date) => {
      const movement: InventoryMovement = {
        hotelId: hold.hotelId,
        roomTypeId: hold.roomTypeId,
        date,
        kind,
        reason,
        ref: { type: 'booking', id: hold.bookingId },
        at,
        delta,
      };
      return movementPut(this.tableName, movement);
    });
  }

  private async releaseFrom(hold: Hold, from: Hold['status'], reason: string, now: Date, onlyIfExpired = false): Promise<void> {
    const stamp = now.toISOString();
    // Rooms the PMS still counted leave its count too: the PMS freed them (a hotel-side cancel) or
    // we are about to (a cancellation that could not be counted out first).
    const inPms = hold.inPms ? hold.rooms : 0;
    await transactWrite(
      this.doc,
      {
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: bookingKeys.hold(hold.bookingId),
              ConditionExpression:
                (onlyIfExpired ? '#status = :from AND expiresAtEpoch <= :nowEpoch' : '#status = :from') +
                (inPms > 0 ? ' AND inPms = :true' : ' AND (attribute_not_exists(inPms) OR inPms = :false)') +
                // A move begun since the read holds rooms this release would not give back.
                ' AND attribute_not_exists(#move)',
              UpdateExpression: 'SET #status = :released, releasedAt = :now, releaseReason = :reason, inPms = :false REMOVE gsi1pk, gsi1sk',
              ExpressionAttributeNames: { '#status': 'status', '#move': 'move' },
              ExpressionAttributeValues: {
                ':from': from,
                ':released': 'RELEASED',
                ':now': stamp,
                ':reason': reason,
                ':false': false,
                ...(inPms > 0 ? { ':true': true } : {}),
                ...(onlyIfExpired ? { ':nowEpoch': Math.floor(now.getTime() / 1000) } : {}),
              },
            },
          },
          ...hold.nights.map((date) => ({
            Update: {
              TableName: this.tableName,
              Key: keys.inventoryNight(hold.hotelId, hold.roomTypeId, date),
              UpdateExpression:
                inPms > 0
                  ? 'SET remaining = remaining + :rooms, reserved = reserved - :rooms, updatedAt = :now ADD inPms :inPms'
                  : 'SET remaining = remaining + :rooms, reserved = reserved - :rooms, updatedAt = :now',
              ExpressionAttributeValues: { ':rooms': hold.rooms, ':now': stamp, ...(inPms > 0 ? { ':inPms': -inPms } : {}) },
            },
          })),
          ...this.movements(hold, 'release', reason, stamp, {
            reserved: -hold.rooms,
            remaining: hold.rooms,
            ...(inPms > 0 ? { inPms: -inPms } : {}),
          }),
          ...this.summaries(hold, hold.rooms),
        ],
      },
      this.retry,
    );
  }
}

function stripHold(item: Record<string, unknown>): Hold {
  const { expiresAtEpoch: _e, convertedAt: _c, ...rest } = fromItem<Hold & { expiresAtEpoch?: number; convertedAt?: string }>(item);
  return rest;
}
