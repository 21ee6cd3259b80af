import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbBookingRepository, type ListReadBudget } from '../../../../shared/adapters/dynamodb/booking.dynamodb.ts';
import type { Booking, BookingStatus } from '../../../../shared/domain/booking.ts';
import { BadCursorError } from '../../../../shared/domain/errors.ts';
import type { BookingListQuery } from '../../../../shared/ports/booking.repository.ts';
import { createTestTable } from '../../../support/dynamodb.ts';

function aBooking(n: number): Booking {
  const id = `bk_${String(n).padStart(2, '0')}`;
  const checkIn = `2027-01-${String(n).padStart(2, '0')}`;
  return {
    bookingId: id,
    idempotencyKey: `key-${id}`,
    hotelId: 'htl_a',
    roomTypeId: 'rt_a',
    checkIn,
    checkOut: `2027-02-${String(n).padStart(2, '0')}`,
    nights: [checkIn],
    rooms: 1,
    guests: 1,
    guestInfo: { firstName: 'Ana', lastName: 'Lee', email: 'ana@example.com', phone: '+82 10 1111 2222' },
    paymentMethodId: 'pm_card_visa',
    totalMinor: 1000,
    currency: 'KRW',
    status: 'PENDING',
    steps: [],
    payment: { status: 'NONE', amountMinor: 1000, currency: 'KRW' },
    pms: { status: 'NONE' },
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}

/** Every page of a list, following `next` to the end. */
async function allPages(repo: DynamoDbBookingRepository, query: Omit<BookingListQuery, 'after'>) {
  const pages: { ids: string[]; hasNext: boolean }[] = [];
  let after: BookingListQuery['after'];
  do {
    const page = await repo.list({ ...query, ...(after ? { after } : {}) });
    pages.push({ ids: page.items.map((b) => b.bookingId), hasNext: page.next !== undefined });
    after = page.next;
  } while (after && pages.length < 20);
  return pages;
}

describe('DynamoDbBookingRepository.list', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  const repo = (budget?: ListReadBudget) => new DynamoDbBookingRepository(table.doc, table.tableName, budget);
  // Ten bookings, check-in on January 1st to 10th; only the 9th and the 2nd are confirmed.
  const confirmed = new Set([9, 2]);

  beforeAll(async () => {
    table = await createTestTable();
    const writer = repo();
    for (let n = 1; n <= 10; n++) {
      const booking = aBooking(n);
      await writer.createPending(booking, { keyHash: `h-${n}`, requestHash: 'r', bookingId: booking.bookingId, createdAt: booking.createdAt });
      const status: BookingStatus = confirmed.has(n) ? 'CONFIRMED' : 'FAILED';
      await writer.recordStep(booking.bookingId, undefined, { status }, new Date('2026-11-01T00:01:00.000Z'));
    }
  });

  afterAll(async () => {
    await table.drop();
  });

  it('fills a filtered page past query pages that matched nothing', async () => {
    // Filtered queries of 2 bookings each: the first finds bk_09, the next three nothing, the fifth
    // bk_02, and a sixth learns that the list has ended (DynamoDB cannot tell at a full query).
    const page = await repo({ queries: 6, itemsPerFilteredQuery: 2 }).list({ status: 'CONFIRMED', limit: 2 });
    expect(page.items.map((b) => b.bookingId)).toEqual(['bk_09', 'bk_02']);
    expect(page.next).toBeUndefined();
  });

  it('returns a short page with a cursor only when the read budget ran out, and the cursor loses nothing', async () => {
    const pages = await allPages(repo({ queries: 2, itemsPerFilteredQuery: 2 }), { status: 'CONFIRMED', limit: 5 });
    expect(pages.flatMap((p) => p.ids)).toEqual(['bk_09', 'bk_02']);
    expect(pages.at(-1)!.hasNext).toBe(false);
    // 4 bookings examined per page at most: bk_10..bk_07, bk_06..bk_03, bk_02..bk_01.
    expect(pages.map((p) => p.ids)).toEqual([['bk_09'], [], ['bk_02']]);
  });

  it('pages an unfiltered list without skipping or repeating, and without a trailing empty page', async () => {
    const pages = await allPages(repo(), { limit: 5 });
    expect(pages).toEqual([
      { ids: ['bk_10', 'bk_09', 'bk_08', 'bk_07', 'bk_06'], hasNext: true },
      { ids: ['bk_05', 'bk_04', 'bk_03', 'bk_02', 'bk_01'], hasNext: false },
    ]);
  });

  it('pages a date range on the hotel index', async () => {
    const pages = await allPages(repo(), { hotelId: 'htl_a', from: '2027-01-03', to: '2027-01-06', limit: 3 });
    expect(pages.flatMap((p) => p.ids)).toEqual(['bk_06', 'bk_05', 'bk_04', 'bk_03']);
    expect(pages.map((p) => p.hasNext)).toEqual([true, false]);
  });

  it('refuses a position of another index with BadCursorError', async () => {
    const { next } = await repo().list({ limit: 1 });
    await expect(repo().list({ hotelId: 'htl_a', limit: 1, after: next! })).rejects.toBeInstanceOf(BadCursorError);
    await expect(repo().list({ limit: 1, after: { pk: 'x' } })).rejects.toBeInstanceOf(BadCursorError);
  });
});

describe('DynamoDbBookingRepository: the saga guards and the PENDING index', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let repo: DynamoDbBookingRepository;
  const NOW = new Date('2026-11-01T00:05:00.000Z');
  const created = async (n: number, createdAt = '2026-11-01T00:00:00.000Z') => {
    const booking = { ...aBooking(n), createdAt };
    await repo.createPending(booking, { keyHash: `g-${n}`, requestHash: 'r', bookingId: booking.bookingId, createdAt });
    return booking;
  };

  beforeAll(async () => {
    table = await createTestTable();
    repo = new DynamoDbBookingRepository(table.doc, table.tableName);
  });

  afterAll(async () => {
    await table.drop();
  });

  it('advances until a compensation begins; a late result is then refused and writes nothing', async () => {
    await created(11);
    const step = { name: 'authorize' as const, status: 'SUCCEEDED' as const, at: NOW.toISOString() };

    const first = await repo.advance('bk_11', { ...step, name: 'hold' }, { holdExpiresAt: 'x' }, NOW);
    const marked = await repo.beginCompensation('bk_11', 'authorize failed', NOW);
    const kept = await repo.beginCompensation('bk_11', 'another', new Date('2026-11-01T00:09:00.000Z'));
    const late = await repo.advance('bk_11', step, { payment: { status: 'AUTHORIZED', paymentId: 'pi_late' } }, NOW);

    expect(first?.holdExpiresAt).toBe('x');
    expect(marked?.compensation).toEqual({ since: NOW.toISOString(), reason: 'authorize failed' });
    expect(kept?.compensation?.reason).toBe('authorize failed');
    expect(late).toBeUndefined();
    expect((await repo.get('bk_11'))?.payment).toEqual({ status: 'NONE', amountMinor: 1000, currency: 'KRW' });
  });

  it('claims PMS creates one at a time and never for a compensating booking', async () => {
    await created(12);

    const claims = [await repo.claimPmsCreate('bk_12', 0, NOW), await repo.claimPmsCreate('bk_12', 0, NOW), await repo.claimPmsCreate('bk_12', 1, NOW)];
    await repo.beginCompensation('bk_12', 'confirm failed', NOW);
    claims.push(await repo.claimPmsCreate('bk_12', 2, NOW));

    expect(claims).toEqual([true, false, true, false]);
    expect((await repo.get('bk_12'))?.pms).toEqual({ status: 'NONE', createAttempts: 2, createAttemptedAt: NOW.toISOString() });
  });

  it('refuses to mark a CONFIRMED booking as compensating', async () => {
    await created(13);
    await repo.advance('bk_13', { name: 'finalize', status: 'SUCCEEDED', at: NOW.toISOString() }, { status: 'CONFIRMED' }, NOW);

    expect(await repo.beginCompensation('bk_13', 'x', NOW)).toBeUndefined();
    expect((await repo.get('bk_13'))?.compensation).toBeUndefined();
  });

  it('lists PENDING bookings created before a time, oldest first, and drops a booking from the index once it settles', async () => {
    await created(14, '2026-11-01T00:00:03.000Z');
    await created(15, '2026-11-01T00:00:01.000Z');
    await created(16, '2026-11-01T00:04:00.000Z');
    await created(17, '2026-11-01T00:00:02.000Z');
    await repo.transition('bk_17', { from: ['PENDING'], to: 'FAILED' }, NOW);

    const listed = await repo.listPending(new Date('2026-11-01T00:01:00.000Z'), 10);
    const item = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: 'BOOKING#bk_17', sk: 'META' } }));

    // bk_11 .. bk_13 were created at 00:00:00 by the tests above; bk_13 is CONFIRMED.
    expect(listed.map((b) => b.bookingId)).toEqual(['bk_11', 'bk_12', 'bk_15', 'bk_14']);
    expect(item.Item?.pendingpk).toBeUndefined();
    expect((await repo.listPending(new Date('2026-11-01T00:01:00.000Z'), 2)).map((b) => b.bookingId)).toEqual(['bk_11', 'bk_12']);
  });
});
