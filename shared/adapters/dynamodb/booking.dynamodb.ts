import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { byTimeline, type Booking, type BookingStep } from '#domain/booking.ts';
import { BadCursorError } from '#domain/errors.ts';
import type {
  BookingListPage,
  BookingListQuery,
  BookingPatch,
  BookingRepository,
  CreateOutcome,
  IdempotencyRecord,
  StepEntries,
  TransitionRequest,
} from '#ports/booking.repository.ts';
import type { PagePosition } from '#ports/pagination.ts';
import { searchKeyItems } from './booking-search-keys.ts';
import { fromItem } from './items.ts';
import { queryMerged } from './merged-query.ts';
import { bookingKeys, PENDING_BOOKING_SHARDS } from './keys.ts';
import { TransactionConditionFailed, transactWrite } from './transactions.ts';

/** Idempotency keys are honoured for 90 days, as long as Step Functions keeps execution names unique. */
const IDEMPOTENCY_TTL_SECONDS = 90 * 24 * 3600;

type StoredBooking = Omit<Booking, 'steps'> & { stepLog?: Record<string, BookingStep> };

export function toBooking(item: Record<string, unknown>): Booking {
  const { stepLog = {}, ...rest } = fromItem<StoredBooking>(item);
  const steps = Object.values(stepLog).sort(byTimeline);
  return { ...rest, steps } as Booking;
}

/** The sort keys of the booking's list indexes, which follow its check-in date. */
function stayIndexKeys(bookingId: string, checkIn: string) {
  return { gsi1sk: bookingKeys.bookingByHotel('', checkIn, bookingId).gsi1sk, gsi2sk: bookingKeys.bookingInAll(checkIn, bookingId).gsi2sk };
}

/**
 * The read budget of one list page: at most `queries` queries of at most `itemsPerFilteredQuery`
 * bookings each, so a filter that matches little costs a bounded 1,000 bookings examined per
 * request (about 125 read units at ~1 KB a booking, eventually consistent) instead of an unbounded
 * loop. Tests shrink it to reach the budget's edge with a handful of bookings.
 */
export interface ListReadBudget {
  queries: number;
  itemsPerFilteredQuery: number;
}

export const DEFAULT_LIST_READ_BUDGET: ListReadBudget = { queries: 4, itemsPerFilteredQuery: 250 };

type ListIndex = 'gsi1' | 'gsi2';

/** The key attributes DynamoDB needs to resume a query on `index` after an item. */
function positionKeys(index: ListIndex): readonly string[] {
  return ['pk', 'sk', `${index}pk`, `${index}sk`];
}

function positionOf(index: ListIndex, item: Record<string, unknown>): PagePosition {
  return Object.fromEntries(positionKeys(index).map((name) => [name, item[name] as string]));
}

/** A position is only ever one this adapter made for the same index; anything else is a bad cursor. */
function checkPosition(index: ListIndex, pk: string, position: PagePosition | undefined): Record<string, unknown> | undefined {
  if (!position) return undefined;
  const names = Object.keys(position).sort();
  const expected = [...positionKeys(index)].sort();
  const sameShape = names.length === expected.length && names.every((name, i) => name === expected[i]);
  if (!sameShape || position[`${index}pk`] !== pk || Object.values(position).some((v) => typeof v !== 'string')) {
    throw new BadCursorError();
  }
  return { ...position };
}

/** While a booking still advances: PENDING, and no compensation begun (`advance`). */
const ADVANCES = 'attribute_exists(pk) AND #status = :pending AND attribute_not_exists(#compensation)';

function advanceUpdate(step: StepEntries, patch: BookingPatch, now: Date): BookingUpdate {
  const update = updateOf(step, patch, now);
  update.names['#status'] = 'status';
  update.names['#compensation'] = 'compensation';
  update.values[':pending'] = 'PENDING';
  return update;
}

/**
 * `advance` as an item of another aggregate's transaction (the hold's): a forward step's journal
 * entry rides on the write the step makes anyway. Its condition fails when the booking no longer
 * advances, and then the whole transaction writes nothing.
 */
export function advanceTransactItem(tableName: string, bookingId: string, step: StepEntries, patch: BookingPatch, now: Date) {
  const update = advanceUpdate(step, patch, now);
  return {
    Update: {
      TableName: tableName,
      Key: bookingKeys.booking(bookingId),
      UpdateExpression: `SET ${update.sets.join(', ')}${update.removes.length > 0 ? ` REMOVE ${update.removes.join(', ')}` : ''}`,
      ConditionExpression: ADVANCES,
      ExpressionAttributeNames: update.names,
      ExpressionAttributeValues: update.values,
    },
  };
}

interface BookingUpdate {
  names: Record<string, string>;
  values: Record<string, unknown>;
  sets: string[];
  removes: string[];
}

/**
 * The update expression of one booking write: its timeline entry, the patch's fields, and a status
 * change, which also takes the booking out of the PENDING index (`pending`) when it leaves PENDING.
 */
function updateOf(step: StepEntries, patch: BookingPatch, now: Date): BookingUpdate {
  const names: Record<string, string> = { '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':now': now.toISOString() };
  const sets = ['#updatedAt = :now'];
  const removes: string[] = [];
  const entries = step === undefined ? [] : Array.isArray(step) ? step : [step as BookingStep];
  entries.forEach((entry, i) => {
    names['#stepLog'] = 'stepLog';
    names[`#step${i}`] = entry.name;
    values[`:step${i}`] = entry;
    sets.push(`#stepLog.#step${i} = :step${i}`);
  });
  for (const field of ['failureCode', 'confirmationNumber', 'holdExpiresAt', 'refundDueMinor', 'resolution'] as const) {
    if (patch[field] !== undefined) {
      names[`#${field}`] = field;
      values[`:${field}`] = patch[field];
      sets.push(`#${field} = :${field}`);
    }
  }
  for (const group of ['payment', 'pms'] as const) {
    for (const [field, value] of Object.entries(patch[group] ?? {})) {
      if (value === undefined) continue;
      names[`#${group}`] = group;
      names[`#${group}_${field}`] = field;
      values[`:${group}_${field}`] = value;
      sets.push(`#${group}.#${group}_${field} = :${group}_${field}`);
    }
  }
  if (patch.status) {
    names['#status'] = 'status';
    values[':status'] = patch.status;
    sets.push('#status = :status');
    if (patch.status !== 'PENDING') removes.push('pendingpk', 'pendingsk');
  }
  return { names, values, sets, removes };
}

/**
 * The two puts that store a new PENDING booking: its idempotency record first (index 0 of a
 * transaction, so a taken key is told apart from anything else the transaction refused), then the
 * booking with the keys of every index it belongs to. Also the first items of the checkout's
 * transaction that places the hold of a hotel we confirm ourselves (`DynamoDbHoldRepository.placeForCheckout`).
 */
export function pendingBookingPuts(tableName: string, booking: Booking, idempotency: IdempotencyRecord) {
  const { steps, ...rest } = booking;
  return [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...bookingKeys.idempotency(idempotency.keyHash),
          entity: 'IdempotencyRecord',
          ...idempotency,
          ttl: Math.floor(Date.parse(idempotency.createdAt) / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          ...bookingKeys.booking(booking.bookingId),
          ...bookingKeys.bookingByHotel(booking.hotelId, booking.checkIn, booking.bookingId),
          ...bookingKeys.bookingInAll(booking.checkIn, booking.bookingId),
          ...bookingKeys.bookingForGuest(
            booking.ownerSub !== undefined ? { sub: booking.ownerSub } : { email: booking.guestInfo.email },
            booking.createdAt,
            booking.bookingId,
          ),
          ...(booking.status === 'PENDING' ? bookingKeys.pendingBooking(booking.createdAt, booking.bookingId) : {}),
          entity: 'Booking',
          ...rest,
          stepLog: Object.fromEntries(steps.map((s) => [s.name, s])),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    // Search keys (issue 10): tiny items, written once with the booking and never updated.
    ...searchKeyItems(booking).map((Item) => ({ Put: { TableName: tableName, Item } })),
  ];
}

/**
 * Bookings and idempotency records. The booking's timeline is stored as a map keyed by step name
 * (`stepLog`), so a step that Step Functions runs twice overwrites its own entry instead of adding one.
 */
export class DynamoDbBookingRepository implements BookingRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly listBudget: ListReadBudget = DEFAULT_LIST_READ_BUDGET,
  ) {}

  async createPending(booking: Booking, idempotency: IdempotencyRecord): Promise<CreateOutcome> {
    try {
      await transactWrite(this.doc, { TransactItems: pendingBookingPuts(this.tableName, booking, idempotency) });
      return { created: true };
    } catch (error) {
      if (!(error instanceof TransactionConditionFailed)) throw error;
      const existing = await this.getIdempotencyRecord(idempotency.keyHash);
      if (!existing) throw error;
      return { created: false, existing };
    }
  }

  async getIdempotencyRecord(keyHash: string): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: bookingKeys.idempotency(keyHash), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { ttl: _ttl, ...record } = fromItem<IdempotencyRecord & { ttl?: number }>(Item);
    return record;
  }

  async get(bookingId: string): Promise<Booking | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: bookingKeys.booking(bookingId), ConsistentRead: true }),
    );
    return Item ? toBooking(Item) : undefined;
  }

  async recordStep(bookingId: string, step: BookingStep | undefined, patch: BookingPatch, now: Date): Promise<Booking> {
    const update = updateOf(step, patch, now);
    const conditions = ['attribute_exists(pk)'];
    if (patch.status) {
      // CONFIRMED is final; FAILED may only be raised to NEEDS_ATTENTION; PENDING never comes back.
      if (patch.status === 'NEEDS_ATTENTION') {
        update.values[':confirmed'] = 'CONFIRMED';
        conditions.push('#status <> :confirmed');
      } else {
        update.values[':pending'] = 'PENDING';
        conditions.push('(#status = :pending OR #status = :status)');
      }
    }
    try {
      return await this.update(bookingId, update, conditions.join(' AND '));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.get(bookingId);
      if (!current) throw new Error(`Booking ${bookingId} does not exist`, { cause: error });
      // The status transition was refused (already terminal): record the step alone.
      return patch.status ? this.recordStep(bookingId, step, { ...patch, status: undefined }, now) : current;
    }
  }

  async transition(bookingId: string, change: TransitionRequest, now: Date): Promise<Booking | undefined> {
    const patch = change.patch ?? {};
    const update = updateOf(change.step, { ...patch, status: change.to }, now);
    const { names, values, sets, removes } = update;
    const conditions = ['attribute_exists(pk)', `#status IN (${change.from.map((_, i) => `:from${i}`).join(', ')})`];
    change.from.forEach((status, i) => (values[`:from${i}`] = status));
    for (const field of ['cancellation', 'modificationCount'] as const) {
      if (patch[field] !== undefined) {
        names[`#${field}`] = field;
        values[`:${field}`] = patch[field];
        sets.push(`#${field} = :${field}`);
      }
    }
    if (patch.stay) {
      // The list indexes sort by check-in: a modified stay moves in them too.
      const stay = { ...patch.stay, ...stayIndexKeys(bookingId, patch.stay.checkIn) };
      for (const [field, value] of Object.entries(stay)) {
        if (value === undefined) continue;
        names[`#stay_${field}`] = field;
        values[`:stay_${field}`] = value;
        sets.push(`#stay_${field} = :stay_${field}`);
      }
    }
    const lock = change.lock;
    if (lock) {
      names['#change'] = 'change';
      if ('claim' in lock) {
        conditions.push('attribute_not_exists(#change)');
        values[':change'] = lock.claim;
        sets.push('#change = :change');
      } else if ('holder' in lock) {
        names['#changeId'] = 'changeId';
        values[':holder'] = lock.holder;
        conditions.push('#change.#changeId = :holder');
        if (lock.finish) {
          names['#changes'] = 'changes';
          values[':finished'] = [lock.finish];
          values[':none'] = [];
          sets.push('#changes = list_append(if_not_exists(#changes, :none), :finished)');
          removes.push('#change');
        }
      } else {
        conditions.push('attribute_not_exists(#change)');
      }
    }
    try {
      return await this.update(bookingId, update, conditions.join(' AND '));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async advance(bookingId: string, step: StepEntries, patch: BookingPatch, now: Date): Promise<Booking | undefined> {
    try {
      return await this.update(bookingId, advanceUpdate(step, patch, now), ADVANCES);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async claimPmsCreate(bookingId: string, seen: number, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: bookingKeys.booking(bookingId),
          UpdateExpression: 'SET #pms.#attempts = :next, #pms.#at = :now, #updatedAt = :now',
          ConditionExpression:
            'attribute_exists(pk) AND #status = :pending AND attribute_not_exists(#compensation) AND ' +
            (seen === 0 ? 'attribute_not_exists(#pms.#attempts)' : '#pms.#attempts = :seen'),
          ExpressionAttributeNames: { '#pms': 'pms', '#attempts': 'createAttempts', '#at': 'createAttemptedAt', '#updatedAt': 'updatedAt', '#status': 'status', '#compensation': 'compensation' },
          ExpressionAttributeValues: { ':next': seen + 1, ':now': now.toISOString(), ':pending': 'PENDING', ...(seen === 0 ? {} : { ':seen': seen }) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async beginCompensation(bookingId: string, reason: string, now: Date): Promise<Booking | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: bookingKeys.booking(bookingId),
          UpdateExpression: 'SET #compensation = if_not_exists(#compensation, :compensation), #updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :confirmed',
          ExpressionAttributeNames: { '#compensation': 'compensation', '#updatedAt': 'updatedAt', '#status': 'status' },
          ExpressionAttributeValues: { ':compensation': { since: now.toISOString(), reason }, ':now': now.toISOString(), ':confirmed': 'CONFIRMED' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toBooking(Attributes ?? {});
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!(await this.get(bookingId))) throw new Error(`Booking ${bookingId} does not exist`, { cause: error });
      return undefined;
    }
  }

  /** A hotel manager's list across their hotels: each hotel's gsi1 partition, merged by check-in. */
  private async listForHotels(query: BookingListQuery & { hotelIds: readonly string[] }): Promise<BookingListPage> {
    const page = await queryMerged(this.doc, this.tableName, {
      index: 'gsi1',
      partitions: query.hotelIds.map((hotelId) => bookingKeys.bookingByHotel(hotelId, '', '').gsi1pk),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { upTo: `${query.to}#~` } : {}),
      ...(query.status ? { filter: { expression: '#status = :status', names: { '#status': 'status' }, values: { ':status': query.status } } } : {}),
      limit: query.limit,
      ...(query.after ? { after: query.after } : {}),
      budget: this.listBudget,
      idAttribute: 'bookingId',
    });
    return { items: page.items.map(toBooking), ...(page.next ? { next: page.next } : {}) };
  }

  async listPending(createdBefore: Date, limit: number): Promise<Booking[]> {
    const before = `${createdBefore.toISOString()}#`;
    const shards = await Promise.all(
      Array.from({ length: PENDING_BOOKING_SHARDS }, async (_, shard) => {
        const { Items = [] } = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'pending',
            KeyConditionExpression: 'pendingpk = :pk AND pendingsk < :before',
            ExpressionAttributeValues: { ':pk': bookingKeys.pendingBookingPartition(shard), ':before': before },
            Limit: limit,
          }),
        );
        return Items;
      }),
    );
    return shards
      .flat()
      .map(toBooking)
      // The index is eventually consistent: a booking settled a moment ago may still be listed.
      .filter((b) => b.status === 'PENDING')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.bookingId.localeCompare(b.bookingId))
      .slice(0, limit);
  }

  private async update(bookingId: string, update: BookingUpdate, condition: string): Promise<Booking> {
    const { Attributes } = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: bookingKeys.booking(bookingId),
        UpdateExpression: `SET ${update.sets.join(', ')}${update.removes.length > 0 ? ` REMOVE ${update.removes.join(', ')}` : ''}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: update.names,
        ExpressionAttributeValues: update.values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toBooking(Attributes ?? {});
  }

  async list(query: BookingListQuery): Promise<BookingListPage> {
    if (!query.hotelId && query.hotelIds) return this.listForHotels({ ...query, hotelIds: query.hotelIds });
    const index: ListIndex = query.hotelId ? 'gsi1' : 'gsi2';
    const pkName = `${index}pk`;
    const skName = `${index}sk`;
    const pk = query.hotelId
      ? bookingKeys.bookingByHotel(query.hotelId, '', '').gsi1pk
      : bookingKeys.bookingInAll('', '').gsi2pk;
    const values: Record<string, unknown> = { ':pk': pk };
    let range = '';
    if (query.from || query.to) {
      values[':from'] = query.from ?? '0000-00-00';
      values[':to'] = `${query.to ?? '9999-12-31'}#~`;
      range = ` AND ${skName} BETWEEN :from AND :to`;
    }
    const names: Record<string, string> = {};
    let filter: string | undefined;
    if (query.status) {
      names['#status'] = 'status';
      values[':status'] = query.status;
      filter = '#status = :status';
    }
    const wanted = query.limit + 1;
    const found: Record<string, unknown>[] = [];
    let startKey = checkPosition(index, pk, query.after);
    let ended = false;
    for (let queries = 0; queries < this.listBudget.queries && found.length < wanted; queries++) {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index,
          KeyConditionExpression: `${pkName} = :pk${range}`,
          ...(filter ? { FilterExpression: filter, ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
          Limit: filter ? this.listBudget.itemsPerFilteredQuery : wanted - found.length,
          ScanIndexForward: false,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      found.push(...((page.Items ?? []) as Record<string, unknown>[]));
      startKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
      if (!startKey) {
        ended = true;
        break;
      }
    }
    const items = found.slice(0, query.limit);
    let next: PagePosition | undefined;
    if (found.length > query.limit) next = positionOf(index, items[items.length - 1]!);
    else if (!ended && startKey) next = positionOf(index, startKey); // the budget ran out mid-list
    return { items: items.map(toBooking), ...(next ? { next } : {}) };
  }
}
