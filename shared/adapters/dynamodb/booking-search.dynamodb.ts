import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Booking } from '#domain/booking.ts';
import { nameKeys } from '#domain/booking-search.ts';
import { BadCursorError } from '#domain/errors.ts';
import type { BookingListPage, BookingSearchQuery, BookingSearchReader } from '#ports/booking.repository.ts';
import type { PagePosition } from '#ports/pagination.ts';
import { searchKeyItems } from './booking-search-keys.ts';
import { toBooking } from './booking.dynamodb.ts';
import { bookingKeys, bookingSearchKeys } from './keys.ts';

/**
 * What one search request may read: at most `queries` queries of `itemsPerQuery` search keys, each
 * followed by one `BatchGet` of their bookings (100 keys at most, the BatchGet limit), so a search
 * costs at most 4 queries and 4 batch reads whatever it matches (docs/data-model.md).
 */
export interface SearchReadBudget {
  queries: number;
  itemsPerQuery: number;
}

export const DEFAULT_SEARCH_READ_BUDGET: SearchReadBudget = { queries: 4, itemsPerQuery: 100 };

const POSITION_KEYS = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;

function positionOf(item: Record<string, unknown>): PagePosition {
  return Object.fromEntries(POSITION_KEYS.map((name) => [name, String(item[name])]));
}

function startKeyOf(partition: string, position: PagePosition | undefined): Record<string, unknown> | undefined {
  if (!position) return undefined;
  const names = Object.keys(position).sort();
  const sameShape = names.length === POSITION_KEYS.length && [...POSITION_KEYS].sort().every((name, i) => names[i] === name);
  if (!sameShape || position.gsi1pk !== partition || Object.values(position).some((v) => typeof v !== 'string')) throw new BadCursorError();
  return { ...position };
}

/** The first (in key order) of a booking's name keys that starts with `prefix`. */
function firstNameKey(booking: Booking, prefix: string): string | undefined {
  return nameKeys(booking.guestInfo)
    .filter((key) => key.startsWith(prefix))
    .sort()[0];
}

/** Whether a booking passes the list's filters (the search keys know only the hotel). */
function passes(booking: Booking, query: BookingSearchQuery): boolean {
  if (query.hotelId !== undefined && booking.hotelId !== query.hotelId) return false;
  if (query.hotelId === undefined && query.hotelIds && !query.hotelIds.includes(booking.hotelId)) return false;
  if (query.status && booking.status !== query.status) return false;
  if (query.from && booking.checkIn < query.from) return false;
  if (query.to && booking.checkIn > query.to) return false;
  return true;
}

/** Booking search (index gsi1 over the search keys) and a hotel's checkouts by start time (gsi2). */
export class DynamoDbBookingSearch implements BookingSearchReader {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly budget: SearchReadBudget = DEFAULT_SEARCH_READ_BUDGET,
  ) {}

  async search(query: BookingSearchQuery): Promise<BookingListPage> {
    const { term } = query;
    const partition = term.kind === 'email' ? bookingSearchKeys.emailPartition(term.email) : bookingSearchKeys.namePartition(term.prefix);
    const names: Record<string, string> = { '#pk': 'gsi1pk' };
    const values: Record<string, unknown> = { ':pk': partition };
    let keyCondition = '#pk = :pk';
    if (term.kind === 'name') {
      names['#sk'] = 'gsi1sk';
      values[':lower'] = term.prefix;
      values[':upper'] = `${term.prefix}\uffff`;
      keyCondition += ' AND #sk BETWEEN :lower AND :upper';
    }
    // The hotel is on the key item: another hotel's keys are dropped before any booking is read.
    const hotels = query.hotelId !== undefined ? [query.hotelId] : query.hotelIds;
    let filter: string | undefined;
    if (hotels) {
      names['#hotelId'] = 'hotelId';
      hotels.forEach((hotelId, i) => (values[`:h${i}`] = hotelId));
      filter = `#hotelId IN (${hotels.map((_, i) => `:h${i}`).join(', ')})`;
    }
    if (hotels && hotels.length === 0) return { items: [] };

    const found: { key: Record<string, unknown>; booking: Booking }[] = [];
    const seen = new Set<string>();
    let startKey = startKeyOf(partition, query.after);
    let ended = false;
    for (let queries = 0; queries < this.budget.queries && found.length <= query.limit; queries++) {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: keyCondition,
          ...(filter ? { FilterExpression: filter } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          Limit: this.budget.itemsPerQuery,
          // Names in name order; an e-mail's bookings newest booked first.
          ScanIndexForward: term.kind === 'name',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      const keys = (page.Items ?? []) as Record<string, unknown>[];
      const bookings = await this.getBookings(keys.map((k) => String(k.bookingId)));
      for (const key of keys) {
        const booking = bookings.get(String(key.bookingId));
        if (!booking || seen.has(booking.bookingId) || !passes(booking, query)) continue;
        // Both name keys of one booking can match ("Kim Kimura" for "kim"): only its first in
        // name order counts, so the booking comes once even when its keys fall on two pages.
        if (term.kind === 'name' && key.gsi1sk !== `${firstNameKey(booking, term.prefix)}#${booking.bookingId}`) continue;
        seen.add(booking.bookingId);
        found.push({ key, booking });
      }
      startKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
      if (!startKey) {
        ended = true;
        break;
      }
    }
    const items = found.slice(0, query.limit);
    let next: PagePosition | undefined;
    if (found.length > query.limit) next = positionOf(items.at(-1)!.key);
    else if (!ended && startKey) next = positionOf(startKey); // the budget ran out mid-list
    return { items: items.map((f) => f.booking), ...(next ? { next } : {}) };
  }

  async startedBetween(hotelId: string, from: string, to: string, limit: number): Promise<{ bookings: Booking[]; complete: boolean }> {
    const keys: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': bookingSearchKeys.madePartition(hotelId), ':from': from, ':to': to },
          Limit: limit + 1 - keys.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      // BETWEEN is inclusive; `to` is the next day's first instant, which belongs to the next day.
      keys.push(...((page.Items ?? []) as Record<string, unknown>[]).filter((k) => String(k.gsi2sk) < to));
      startKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (startKey && keys.length <= limit);
    const ids = keys.slice(0, limit).map((k) => String(k.bookingId));
    const bookings = await this.getBookings(ids);
    return { bookings: ids.flatMap((id) => bookings.get(id) ?? []), complete: keys.length <= limit };
  }

  /** The bookings of `ids`, 100 per `BatchGet` (its limit), asking again for unprocessed keys. */
  private async getBookings(ids: readonly string[]): Promise<Map<string, Booking>> {
    const out = new Map<string, Booking>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      let pending: { Keys: Record<string, unknown>[] } | undefined = { Keys: unique.slice(i, i + 100).map((id) => bookingKeys.booking(id)) };
      for (let attempt = 0; pending && attempt < 5; attempt++) {
        const result: { Responses?: Record<string, Record<string, unknown>[]>; UnprocessedKeys?: Record<string, unknown> } = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) {
          const booking = toBooking(item);
          out.set(booking.bookingId, booking);
        }
        pending = result.UnprocessedKeys?.[this.tableName] as typeof pending;
      }
    }
    return out;
  }
}

/**
 * One-off backfill (`npm run bookings:backfill-search`): files the search keys of bookings created
 * before they existed. Scans the table for bookings (an operation, not a request path) and puts each
 * booking's keys with `attribute_not_exists(pk)`, so running it twice, or beside live checkouts that
 * file their own, changes nothing. Returns how many bookings it looked at and how many it filed.
 */
export async function backfillSearchKeys(doc: DynamoDBDocumentClient, tableName: string): Promise<{ bookings: number; filed: number }> {
  let startKey: Record<string, unknown> | undefined;
  let bookings = 0;
  let filed = 0;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#entity = :booking',
        ExpressionAttributeNames: { '#entity': 'entity' },
        ExpressionAttributeValues: { ':booking': 'Booking' },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      bookings++;
      let wrote = false;
      for (const Item of searchKeyItems(toBooking(item))) {
        try {
          await doc.send(new PutCommand({ TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
          wrote = true;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      if (wrote) filed++;
    }
    startKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
  } while (startKey);
  return { bookings, filed };
}
