import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbBookingRepository } from '../../../../shared/adapters/dynamodb/booking.dynamodb.ts';
import { backfillSearchKeys, DynamoDbBookingSearch, type SearchReadBudget } from '../../../../shared/adapters/dynamodb/booking-search.dynamodb.ts';
import type { Booking, GuestInfo } from '../../../../shared/domain/booking.ts';
import { BadCursorError } from '../../../../shared/domain/errors.ts';
import type { BookingSearchQuery } from '../../../../shared/ports/booking.repository.ts';
import { aBooking } from '../../../support/fixtures.ts';
import { createTestTable } from '../../../support/dynamodb.ts';

const guest = (firstName: string, lastName: string, email: string): GuestInfo => ({ firstName, lastName, email, phone: '+82 10 1' });

/** Twelve bookings: eight "Zoë <n>" at htl_a and htl_b, and four others. */
const BOOKINGS: Booking[] = [
  ...Array.from({ length: 8 }, (_, n) =>
    aBooking({
      bookingId: `bk_z${n}`,
      idempotencyKey: `k-z${n}`,
      hotelId: n % 2 === 0 ? 'htl_a' : 'htl_b',
      checkIn: `2027-01-0${n + 1}`,
      status: n < 4 ? 'CONFIRMED' : 'FAILED',
      guestInfo: guest('Zoë', `Ålund${n}`, n < 3 ? 'Zoe.Family@Example.com' : `zoe${n}@example.com`),
      createdAt: `2026-12-0${n + 1}T10:00:00.000Z`,
    }),
  ),
  aBooking({ bookingId: 'bk_k1', idempotencyKey: 'k-k1', hotelId: 'htl_a', guestInfo: guest('민지', '김', 'minji@example.com'), createdAt: '2026-12-01T23:30:00.000Z' }),
  aBooking({ bookingId: 'bk_k2', idempotencyKey: 'k-k2', hotelId: 'htl_a', guestInfo: guest('Kim', 'Kimura', 'kk@example.com'), createdAt: '2026-12-02T00:00:00.000Z' }),
  aBooking({ bookingId: 'bk_o1', idempotencyKey: 'k-o1', hotelId: 'htl_b', guestInfo: guest('Sean', "O'Brien", 'sean@example.com') }),
  aBooking({ bookingId: 'bk_o2', idempotencyKey: 'k-o2', hotelId: 'htl_b', guestInfo: guest('Zoey', 'Obrien', 'zoey@example.com') }),
];

describe('DynamoDbBookingSearch', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  const search = (budget?: SearchReadBudget) => new DynamoDbBookingSearch(table.doc, table.tableName, budget);

  async function allPages(reader: DynamoDbBookingSearch, query: Omit<BookingSearchQuery, 'after'>) {
    const pages: string[][] = [];
    let after: BookingSearchQuery['after'];
    do {
      const page = await reader.search({ ...query, ...(after ? { after } : {}) });
      pages.push(page.items.map((b) => b.bookingId));
      after = page.next;
    } while (after && pages.length < 30);
    return pages;
  }

  beforeAll(async () => {
    table = await createTestTable();
    const repo = new DynamoDbBookingRepository(table.doc, table.tableName);
    for (const booking of BOOKINGS) {
      await repo.createPending(booking, { keyHash: `h-${booking.bookingId}`, requestHash: 'r', bookingId: booking.bookingId, createdAt: booking.createdAt });
    }
  });

  afterAll(async () => {
    await table.drop();
  });

  it('files the search keys in the transaction that creates the booking', async () => {
    const { Items = [] } = await table.doc.send(
      new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'SEARCHKEY#bk_o1' } }),
    );
    expect(Items.map((i) => i.sk).sort()).toEqual(['EMAIL', 'NAME#0', 'NAME#1']);
    expect(Items.find((i) => i.sk === 'NAME#0')).toMatchObject({ gsi1pk: 'BKNAME#s', gsi1sk: 'seanobrien#bk_o1', hotelId: 'htl_b' });
  });

  it('finds a name prefix in name order, either name first, ignoring case, accents and punctuation', async () => {
    const page = await search().search({ term: { kind: 'name', prefix: 'obrien' }, limit: 10 });
    expect(page.items.map((b) => b.bookingId)).toEqual(['bk_o1', 'bk_o2']);
    expect(page.next).toBeUndefined();
    const korean = await search().search({ term: { kind: 'name', prefix: '김' }, limit: 10 });
    expect(korean.items.map((b) => b.bookingId)).toEqual(['bk_k1']);
  });

  it('returns a booking whose two name keys both match once, also when they fall on two pages', async () => {
    const page = await search().search({ term: { kind: 'name', prefix: 'kim' }, limit: 10 });
    expect(page.items.map((b) => b.bookingId)).toEqual(['bk_k2']);
    // One key per query: "kimkimura" and "kimurakim" are read by separate queries and pages.
    const pages = await allPages(search({ queries: 1, itemsPerQuery: 1 }), { term: { kind: 'name', prefix: 'kim' }, limit: 1 });
    expect(pages.flat()).toEqual(['bk_k2']);
  });

  it('finds an e-mail exactly, newest booked first', async () => {
    const page = await search().search({ term: { kind: 'email', email: 'zoe.family@example.com' }, limit: 10 });
    expect(page.items.map((b) => b.bookingId)).toEqual(['bk_z2', 'bk_z1', 'bk_z0']);
  });

  it('combines with hotel, status and check-in filters, and fills pages across small queries to the end', async () => {
    const pages = await allPages(search({ queries: 3, itemsPerQuery: 2 }), {
      term: { kind: 'name', prefix: 'zoe' },
      hotelIds: ['htl_a'],
      status: 'CONFIRMED',
      from: '2027-01-02',
      limit: 1,
    });
    // htl_a's Zoës are z0, z2, z4, z6; confirmed are z0..z3; check-in from the 2nd drops z0.
    expect(pages.flat()).toEqual(['bk_z2']);
  });

  it('pages every match exactly once, whatever the budget', async () => {
    for (const budget of [{ queries: 1, itemsPerQuery: 1 }, { queries: 2, itemsPerQuery: 3 }, undefined]) {
      const pages = await allPages(search(budget), { term: { kind: 'name', prefix: 'zo' }, limit: 3 });
      expect(pages.flat()).toEqual(['bk_z0', 'bk_z1', 'bk_z2', 'bk_z3', 'bk_z4', 'bk_z5', 'bk_z6', 'bk_z7', 'bk_o2']);
    }
  });

  it('refuses a position of another search', async () => {
    const page = await search().search({ term: { kind: 'name', prefix: 'zo' }, limit: 1 });
    await expect(search().search({ term: { kind: 'name', prefix: 'ki' }, limit: 1, after: page.next! })).rejects.toBeInstanceOf(BadCursorError);
  });

  it("reads a hotel's checkouts started within a time range", async () => {
    const day = await search().startedBetween('htl_a', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z', 10);
    expect(day.bookings.map((b) => b.bookingId)).toEqual(['bk_z0', 'bk_k1']);
    expect(day.complete).toBe(true);
    const capped = await search().startedBetween('htl_a', '2026-12-01T00:00:00.000Z', '2026-12-31T00:00:00.000Z', 2);
    expect(capped.bookings).toHaveLength(2);
    expect(capped.complete).toBe(false);
  });

  it('backfills the keys of a booking made before they existed, once', async () => {
    for (const sk of ['EMAIL', 'NAME#0', 'NAME#1']) {
      await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: 'SEARCHKEY#bk_o2', sk } }));
    }
    expect((await search().search({ term: { kind: 'email', email: 'zoey@example.com' }, limit: 5 })).items).toEqual([]);

    expect(await backfillSearchKeys(table.doc, table.tableName)).toEqual({ bookings: BOOKINGS.length, filed: 1 });
    expect((await search().search({ term: { kind: 'email', email: 'zoey@example.com' }, limit: 5 })).items.map((b) => b.bookingId)).toEqual(['bk_o2']);
    expect(await backfillSearchKeys(table.doc, table.tableName)).toEqual({ bookings: BOOKINGS.length, filed: 0 });
  });
});
