import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbBookingRepository } from '../../../../shared/adapters/dynamodb/booking.dynamodb.ts';
import { DynamoDbHoldRepository } from '../../../../shared/adapters/dynamodb/hold.dynamodb.ts';
import { DynamoDbInventory } from '../../../../shared/adapters/dynamodb/inventory.dynamodb.ts';
import { HoldExpiredError, SagaAbandonedError, SoldOutError } from '../../../../shared/domain/booking-errors.ts';
import type { BookingStep } from '../../../../shared/domain/booking.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { aBooking, nights } from '../../../support/fixtures.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const entry = (name: BookingStep['name'], when = NOW): BookingStep => ({ name, status: 'SUCCEEDED', at: when.toISOString() });

/** A forward step's journal entry in the hold's own transaction (issue 11: one write instead of two). */
describe('DynamoDbHoldRepository journals against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let holds: DynamoDbHoldRepository;
  let bookings: DynamoDbBookingRepository;
  let inventory: DynamoDbInventory;

  beforeAll(async () => {
    table = await createTestTable();
    holds = new DynamoDbHoldRepository(table.doc, table.tableName);
    bookings = new DynamoDbBookingRepository(table.doc, table.tableName);
    inventory = new DynamoDbInventory(table.doc, table.tableName);
    await inventory.createNights(nights('h1', 'rt1', '2026-03-10', '2026-03-11', 5));
  });

  afterAll(async () => {
    await table.drop();
  });

  async function pending(bookingId: string) {
    const booking = aBooking({ bookingId, hotelId: 'h1', roomTypeId: 'rt1', checkIn: '2026-03-10', checkOut: '2026-03-12' });
    await bookings.createPending(booking, { keyHash: `key-${bookingId}`, requestHash: 'r', bookingId, createdAt: booking.createdAt });
  }

  const place = (bookingId: string, when = NOW) =>
    holds.place(
      { bookingId, hotelId: 'h1', roomTypeId: 'rt1', nights: ['2026-03-10', '2026-03-11'], rooms: 1, expiresAt: at(600).toISOString() },
      when,
      (hold) => ({ step: entry('hold', when), patch: { holdExpiresAt: hold.expiresAt } }),
    );

  it('places the hold and records the step in one write; a repeat keeps the first expiry', async () => {
    await pending('bk_j1');

    await place('bk_j1');
    await place('bk_j1', at(30));

    expect(await bookings.get('bk_j1')).toMatchObject({ holdExpiresAt: at(600).toISOString(), steps: [expect.objectContaining({ name: 'hold' })] });
    expect((await inventory.getNights('h1', 'rt1', '2026-03-10', '2026-03-10'))[0]).toMatchObject({ reserved: 1, remaining: 4 });
  });

  it('takes no rooms for a booking that started compensating', async () => {
    await pending('bk_j2');
    await bookings.beginCompensation('bk_j2', 'test', NOW);
    const before = await inventory.getNights('h1', 'rt1', '2026-03-10', '2026-03-11');

    const error = await place('bk_j2').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SagaAbandonedError);
    expect(await holds.get('bk_j2')).toBeUndefined();
    expect(await inventory.getNights('h1', 'rt1', '2026-03-10', '2026-03-11')).toEqual(before);
  });

  it('converts and records the confirmation in one write, repeats safely, refuses an expired hold and a compensating booking', async () => {
    await pending('bk_j3');
    await place('bk_j3');
    const journal = { step: entry('confirm'), patch: { confirmationNumber: 'CONF-J3' } };

    await holds.convertRecording('bk_j3', journal, NOW);
    await holds.convertRecording('bk_j3', journal, at(1));

    expect(await holds.get('bk_j3')).toMatchObject({ status: 'CONVERTED' });
    expect(await bookings.get('bk_j3')).toMatchObject({ confirmationNumber: 'CONF-J3' });

    await pending('bk_j4');
    await place('bk_j4');
    await bookings.beginCompensation('bk_j4', 'test', NOW);
    expect(await holds.convertRecording('bk_j4', journal, NOW).catch((e: unknown) => e)).toBeInstanceOf(SagaAbandonedError);
    expect(await holds.get('bk_j4')).toMatchObject({ status: 'HELD' });

    await pending('bk_j5');
    await place('bk_j5');
    expect(await holds.convertRecording('bk_j5', journal, at(601)).catch((e: unknown) => e)).toBeInstanceOf(HoldExpiredError);
    expect((await bookings.get('bk_j5'))?.confirmationNumber).toBeUndefined();
  });

  it('records several steps in one write (the authorization with the confirmation of a hotel without a PMS)', async () => {
    await pending('bk_j6');
    await place('bk_j6');

    await holds.convertRecording('bk_j6', { step: [entry('authorize'), entry('confirm')], patch: { confirmationNumber: 'CONF-J6', payment: { status: 'AUTHORIZED', paymentId: 'pi_j6' } } }, NOW);

    const booking = await bookings.get('bk_j6');
    expect(booking!.steps.map((s) => s.name)).toEqual(['hold', 'authorize', 'confirm']);
    expect(booking).toMatchObject({ confirmationNumber: 'CONF-J6', payment: { status: 'AUTHORIZED', paymentId: 'pi_j6' } });
  });

  describe('placeForCheckout: the booking, its key and its hold in one transaction', () => {
    const stay = (bookingId: string, rooms = 1) => ({ bookingId, hotelId: 'h2', roomTypeId: 'rt1', nights: ['2026-03-10', '2026-03-11'], rooms, expiresAt: at(180).toISOString() });
    const newBooking = (bookingId: string, rooms = 1) => aBooking({ bookingId, hotelId: 'h2', roomTypeId: 'rt1', checkIn: '2026-03-10', checkOut: '2026-03-12', rooms, steps: [entry('hold')], holdExpiresAt: at(180).toISOString() });
    const key = (bookingId: string, keyHash = `key-${bookingId}`) => ({ keyHash, requestHash: 'r', bookingId, createdAt: NOW.toISOString() });

    beforeAll(async () => {
      await inventory.createNights(nights('h2', 'rt1', '2026-03-10', '2026-03-11', 2));
    });

    it('stores the booking with its journal, the key and the hold, and takes the rooms', async () => {
      const outcome = await holds.placeForCheckout(stay('bk_c1'), newBooking('bk_c1'), key('bk_c1'), NOW);

      expect(outcome).toEqual({ created: true });
      expect(await bookings.get('bk_c1')).toMatchObject({ status: 'PENDING', holdExpiresAt: at(180).toISOString(), steps: [expect.objectContaining({ name: 'hold' })] });
      expect(await bookings.getIdempotencyRecord('key-bk_c1')).toMatchObject({ bookingId: 'bk_c1' });
      expect(await holds.get('bk_c1')).toMatchObject({ status: 'HELD', rooms: 1 });
      expect((await inventory.getNights('h2', 'rt1', '2026-03-10', '2026-03-11')).map((n) => [n.reserved, n.remaining])).toEqual([[1, 1], [1, 1]]);
    });

    it('a taken key stores nothing and returns the first attempt, even when the rooms are gone', async () => {
      await holds.placeForCheckout(stay('bk_c2'), newBooking('bk_c2'), key('bk_c2', 'key-shared'), NOW);

      const again = await holds.placeForCheckout(stay('bk_c3'), newBooking('bk_c3'), key('bk_c3', 'key-shared'), NOW);

      expect(again).toEqual({ created: false, existing: expect.objectContaining({ bookingId: 'bk_c2' }) });
      expect(await bookings.get('bk_c3')).toBeUndefined();
      expect(await holds.get('bk_c3')).toBeUndefined();
    });

    it('refuses SOLD_OUT, storing nothing, when a night lacks the rooms', async () => {
      const before = await inventory.getNights('h2', 'rt1', '2026-03-10', '2026-03-11');

      const error = await holds.placeForCheckout(stay('bk_c4'), newBooking('bk_c4'), key('bk_c4'), NOW).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(SoldOutError);
      expect((error as Error).message).toContain('2026-03-10');
      expect(await bookings.get('bk_c4')).toBeUndefined();
      expect(await bookings.getIdempotencyRecord('key-bk_c4')).toBeUndefined();
      expect(await inventory.getNights('h2', 'rt1', '2026-03-10', '2026-03-11')).toEqual(before);
    });
  });
});
