import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbBookingRepository } from '../../../../shared/adapters/dynamodb/booking.dynamodb.ts';
import { DynamoDbGuestBookingReader } from '../../../../shared/adapters/dynamodb/guest-bookings.dynamodb.ts';
import { BadCursorError } from '../../../../shared/domain/errors.ts';
import type { PagePosition } from '../../../../shared/ports/pagination.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { aBooking } from '../../../support/fixtures.ts';

/**
 * The merged list (a guest's two partitions, a manager's hotels) on real storage, with a read budget
 * so small that partitions stop early: pages must still come out in order, each booking once.
 */
describe('merged keyset lists under a tight read budget', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let tight: DynamoDbBookingRepository;
  let tightGuests: DynamoDbGuestBookingReader;
  const expectedConfirmed: string[] = [];

  beforeAll(async () => {
    table = await createTestTable();
    const repo = new DynamoDbBookingRepository(table.doc, table.tableName);
    tight = new DynamoDbBookingRepository(table.doc, table.tableName, { queries: 1, itemsPerFilteredQuery: 2 });
    tightGuests = new DynamoDbGuestBookingReader(table.doc, table.tableName, { queries: 1, itemsPerFilteredQuery: 2 });
    // 24 bookings over three hotels and both guest partitions; every third one CONFIRMED.
    for (let i = 0; i < 24; i++) {
      const id = `bk_${String(i).padStart(2, '0')}`;
      const status = i % 3 === 0 ? 'CONFIRMED' : 'PENDING';
      const booking = aBooking({
        bookingId: id,
        hotelId: ['htl_x', 'htl_y', 'htl_z'][i % 3 === 0 ? i % 2 : i % 3]!,
        checkIn: `2026-08-${String(i + 1).padStart(2, '0')}`,
        createdAt: `2026-06-01T00:00:${String(i).padStart(2, '0')}.000Z`,
        status,
        ...(i % 2 === 0 ? { ownerSub: 'g_1' } : {}),
        guestInfo: { firstName: 'A', lastName: 'B', email: 'g1@example.com', phone: '+82 10 1' },
      });
      await repo.createPending(booking, { keyHash: `h-${id}`, requestHash: 'r', bookingId: id, createdAt: booking.createdAt });
      if (status === 'CONFIRMED') expectedConfirmed.unshift(id);
    }
  });

  afterAll(async () => {
    await table.drop();
  });

  async function drain(read: (after: PagePosition | undefined) => Promise<{ items: Array<{ bookingId: string }>; next?: PagePosition }>) {
    const seen: string[] = [];
    let after: PagePosition | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await read(after);
      seen.push(...result.items.map((b) => b.bookingId));
      if (!result.next) return seen;
      after = result.next;
    }
    throw new Error('the list never ended');
  }

  it("returns a guest's filtered bookings in order, each once, however early the partitions stop", async () => {
    const seen = await drain((after) =>
      tightGuests.listForGuest({ ownerSub: 'g_1', verifiedEmail: 'G1@example.com', status: 'CONFIRMED', today: '2026-01-01', limit: 3, ...(after ? { after } : {}) }),
    );

    expect(seen).toEqual(expectedConfirmed);
  });

  it("returns a manager's bookings across hotels by check-in, each once", async () => {
    const seen = await drain((after) => tight.list({ hotelIds: ['htl_x', 'htl_y', 'htl_z'], limit: 4, ...(after ? { after } : {}) }));

    expect(seen).toEqual(Array.from({ length: 24 }, (_, i) => `bk_${String(23 - i).padStart(2, '0')}`));
  });

  it('refuses a position of another shape', async () => {
    await expect(tightGuests.listForGuest({ ownerSub: 'g_1', today: '2026-01-01', limit: 3, after: { pk: 'x', sk: 'y' } })).rejects.toBeInstanceOf(BadCursorError);
  });
});
