import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbHoldRepository } from '../../../../shared/adapters/dynamodb/hold.dynamodb.ts';
import { scanInventoryState } from '../../../../shared/adapters/dynamodb/inventory-audit.ts';
import { DynamoDbInventory } from '../../../../shared/adapters/dynamodb/inventory.dynamodb.ts';
import { SoldOutError } from '../../../../shared/domain/booking-errors.ts';
import { addDays, datesInclusive } from '../../../../shared/domain/dates.ts';
import { checkInventory } from '../../../../shared/use-cases/inventory/check-inventory.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { nights } from '../../../support/fixtures.ts';

const HOTEL = 'htl_move';
const NOW = new Date('2026-03-01T00:00:00.000Z');
const START = '2027-03-01';
const stay = (from: string, count: number) => datesInclusive(from, addDays(from, count - 1));

/**
 * A modification's hold: the new stay's extra rooms are taken before the old stay is given back,
 * each step one transaction with its movements, and the invariant holds after every step.
 */
describe('DynamoDbHoldRepository: moving a booked stay', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let holds: DynamoDbHoldRepository;
  let inventory: DynamoDbInventory;

  async function booked(bookingId: string, roomTypeId: string, dates: string[], rooms: number) {
    await holds.place({ bookingId, hotelId: HOTEL, roomTypeId, nights: dates, rooms, expiresAt: new Date(NOW.getTime() + 600_000).toISOString() }, NOW);
    await holds.convert(bookingId, NOW);
  }

  async function reserved(roomTypeId: string, from: string, to: string) {
    return (await inventory.getNights(HOTEL, roomTypeId, from, to)).map((n) => n.reserved);
  }

  async function invariant() {
    expect(checkInventory(await scanInventoryState(table.doc, table.tableName))).toEqual([]);
  }

  beforeAll(async () => {
    table = await createTestTable();
    holds = new DynamoDbHoldRepository(table.doc, table.tableName);
    inventory = new DynamoDbInventory(table.doc, table.tableName);
    await inventory.createNights(nights(HOTEL, 'rt_a', START, addDays(START, 89), 3, 100_000));
    await inventory.createNights(nights(HOTEL, 'rt_b', START, addDays(START, 89), 3, 150_000));
  });
  afterAll(async () => table.drop());

  it('holds the new nights before giving back the old, and the counts follow each step', async () => {
    await booked('bk_m1', 'rt_a', stay(START, 2), 1);
    const moved = await holds.beginMove('bk_m1', { moveId: 'modify-1', roomTypeId: 'rt_a', nights: stay(addDays(START, 1), 2), rooms: 1 }, NOW);
    expect(moved.move?.taken).toEqual([{ roomTypeId: 'rt_a', date: addDays(START, 2), rooms: 1 }]);
    // Old and new both held: night 1 once (shared), nights 0 and 2 once each.
    expect(await reserved('rt_a', START, addDays(START, 2))).toEqual([1, 1, 1]);
    await invariant();
    // A repeat of the step changes nothing.
    await holds.beginMove('bk_m1', { moveId: 'modify-1', roomTypeId: 'rt_a', nights: stay(addDays(START, 1), 2), rooms: 1 }, NOW);
    expect(await reserved('rt_a', START, addDays(START, 2))).toEqual([1, 1, 1]);
    const done = await holds.completeMove('bk_m1', 'modify-1', NOW);
    expect(done).toMatchObject({ nights: stay(addDays(START, 1), 2), rooms: 1 });
    expect(done.move).toBeUndefined();
    expect(await reserved('rt_a', START, addDays(START, 2))).toEqual([0, 1, 1]);
    expect(await holds.completeMove('bk_m1', 'modify-1', NOW)).toMatchObject({ nights: stay(addDays(START, 1), 2) });
    await invariant();
  });

  it('gives back exactly what it took when aborted, once', async () => {
    await booked('bk_m2', 'rt_a', stay(addDays(START, 10), 2), 1);
    await holds.beginMove('bk_m2', { moveId: 'modify-1', roomTypeId: 'rt_a', nights: stay(addDays(START, 10), 2), rooms: 3 }, NOW);
    expect(await reserved('rt_a', addDays(START, 10), addDays(START, 11))).toEqual([3, 3]);
    expect(await holds.abortMove('bk_m2', 'modify-1', 'PMS refused', NOW)).toBe(true);
    expect(await holds.abortMove('bk_m2', 'modify-1', 'PMS refused', NOW)).toBe(false);
    expect(await reserved('rt_a', addDays(START, 10), addDays(START, 11))).toEqual([1, 1]);
    expect((await holds.get('bk_m2'))?.move).toBeUndefined();
    await invariant();
  });

  it('refuses a move the nights cannot take, taking nothing', async () => {
    await booked('bk_m3', 'rt_a', stay(addDays(START, 20), 1), 1);
    await booked('bk_full', 'rt_a', stay(addDays(START, 21), 1), 3);
    await expect(holds.beginMove('bk_m3', { moveId: 'modify-1', roomTypeId: 'rt_a', nights: stay(addDays(START, 20), 2), rooms: 1 }, NOW)).rejects.toThrow(SoldOutError);
    expect((await holds.get('bk_m3'))?.move).toBeUndefined();
    expect(await reserved('rt_a', addDays(START, 20), addDays(START, 21))).toEqual([1, 3]);
    await invariant();
  });

  it('moves 30 nights to another room type: 30 taken, then 30 given back, each within one transaction', async () => {
    await booked('bk_m4', 'rt_a', stay(addDays(START, 40), 30), 2);
    await holds.beginMove('bk_m4', { moveId: 'modify-1', roomTypeId: 'rt_b', nights: stay(addDays(START, 40), 30), rooms: 2 }, NOW);
    expect(new Set(await reserved('rt_b', addDays(START, 40), addDays(START, 69)))).toEqual(new Set([2]));
    await invariant();
    await holds.completeMove('bk_m4', 'modify-1', NOW);
    expect(new Set(await reserved('rt_a', addDays(START, 40), addDays(START, 69)))).toEqual(new Set([0]));
    expect(new Set(await reserved('rt_b', addDays(START, 40), addDays(START, 69)))).toEqual(new Set([2]));
    await invariant();
  });

  it('a release during a move (the hotel cancelled) gives back the move too', async () => {
    await booked('bk_m5', 'rt_b', stay(addDays(START, 80), 1), 1);
    await holds.beginMove('bk_m5', { moveId: 'modify-1', roomTypeId: 'rt_b', nights: stay(addDays(START, 80), 3), rooms: 1 }, NOW);
    expect(await holds.release('bk_m5', 'hotel cancelled', NOW)).toBe('RELEASED');
    expect(await reserved('rt_b', addDays(START, 80), addDays(START, 82))).toEqual([0, 0, 0]);
    await invariant();
  });
});
