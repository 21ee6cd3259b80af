import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbBookingRepository } from '../../../../shared/adapters/dynamodb/booking.dynamodb.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { aBooking } from '../../../support/fixtures.ts';
import { transitionContract } from './booking-transition.contract.ts';

describe('DynamoDbBookingRepository.transition and the change lock', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let repo: DynamoDbBookingRepository;

  beforeAll(async () => {
    table = await createTestTable();
    repo = new DynamoDbBookingRepository(table.doc, table.tableName);
  });
  afterAll(async () => table.drop());

  transitionContract(async () => ({
    repo,
    // Through createPending, as checkout stores bookings: the stored item has its index keys.
    seed: async (booking) => {
      await repo.createPending(booking, { keyHash: `idem-${booking.bookingId}`, requestHash: 'r', bookingId: booking.bookingId, createdAt: booking.createdAt });
    },
  }));

  it('moves a modified booking in the list indexes (they sort by check-in)', async () => {
    const booking = aBooking({ bookingId: 'bk_move', hotelId: 'htl_move', checkIn: '2026-04-01', status: 'CONFIRMED' });
    await repo.createPending(booking, { keyHash: 'idem-move', requestHash: 'r', bookingId: 'bk_move', createdAt: booking.createdAt });
    await repo.transition(
      'bk_move',
      { from: ['CONFIRMED'], to: 'CONFIRMED', patch: { stay: { roomTypeId: booking.roomTypeId, checkIn: '2026-05-10', checkOut: '2026-05-12', nights: ['2026-05-10', '2026-05-11'], rooms: 1, totalMinor: 1 } } },
      new Date(),
    );
    const april = await repo.list({ hotelId: 'htl_move', from: '2026-04-01', to: '2026-04-30', limit: 10 });
    const may = await repo.list({ hotelId: 'htl_move', from: '2026-05-01', to: '2026-05-31', limit: 10 });
    expect(april.items).toEqual([]);
    expect(may.items.map((b) => b.bookingId)).toEqual(['bk_move']);
  });
});
