import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { BookingListPage, GuestBookingQuery, GuestBookingReader } from '#ports/booking.repository.ts';
import { DEFAULT_LIST_READ_BUDGET, toBooking, type ListReadBudget } from './booking.dynamodb.ts';
import { bookingKeys } from './keys.ts';
import { queryMerged } from './merged-query.ts';

/**
 * A guest's bookings from index `gsi3`: the partition of their `sub` and, with a verified e-mail,
 * the one of that e-mail (bookings made without an account), merged newest booked first.
 */
export class DynamoDbGuestBookingReader implements GuestBookingReader {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly listBudget: ListReadBudget = DEFAULT_LIST_READ_BUDGET,
  ) {}

  async listForGuest(query: GuestBookingQuery): Promise<BookingListPage> {
    const partitions = [bookingKeys.bookingForGuest({ sub: query.ownerSub }, '', '').gsi3pk];
    if (query.verifiedEmail) partitions.push(bookingKeys.bookingForGuest({ email: query.verifiedEmail }, '', '').gsi3pk);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const conditions: string[] = [];
    if (query.status) {
      names['#status'] = 'status';
      values[':status'] = query.status;
      conditions.push('#status = :status');
    }
    if (query.when) {
      names['#checkOut'] = 'checkOut';
      values[':today'] = query.today;
      conditions.push(query.when === 'upcoming' ? '#checkOut > :today' : '#checkOut <= :today');
    }
    const page = await queryMerged(this.doc, this.tableName, {
      index: 'gsi3',
      partitions,
      ...(conditions.length > 0 ? { filter: { expression: conditions.join(' AND '), names, values } } : {}),
      limit: query.limit,
      ...(query.after ? { after: query.after } : {}),
      budget: this.listBudget,
      idAttribute: 'bookingId',
    });
    return { items: page.items.map(toBooking), ...(page.next ? { next: page.next } : {}) };
  }
}
