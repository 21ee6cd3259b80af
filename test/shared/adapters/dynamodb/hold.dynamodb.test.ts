import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbHoldRepository } from '../../../../shared/adapters/dynamodb/hold.dynamodb.ts';
import { DynamoDbInventory } from '../../../../shared/adapters/dynamodb/inventory.dynamodb.ts';
import { createTestTable } from '../../../support/dynamodb.ts';
import { nights } from '../../../support/fixtures.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);

describe('DynamoDbHoldRepository.heldRooms against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof createTestTable>>;
  let holds: DynamoDbHoldRepository;

  beforeAll(async () => {
    table = await createTestTable();
    holds = new DynamoDbHoldRepository(table.doc, table.tableName);
    const inventory = new DynamoDbInventory(table.doc, table.tableName);
    await inventory.createNights([...nights('h1', 'rt1', '2026-03-10', '2026-03-12', 10), ...nights('h1', 'rt2', '2026-03-10', '2026-03-12', 10)]);
  });

  afterAll(async () => {
    await table.drop();
  });

  it('counts the rooms of unexpired HELD holds of one room type per night: not converted, released, expired or of another room type', async () => {
    // Prepare
    const place = (bookingId: string, roomTypeId: string, dates: string[], rooms: number, ttlSeconds: number) =>
      holds.place({ bookingId, hotelId: 'h1', roomTypeId, nights: dates, rooms, expiresAt: at(ttlSeconds).toISOString() }, NOW);
    await place('bk_a', 'rt1', ['2026-03-10', '2026-03-11'], 2, 600);
    await place('bk_b', 'rt1', ['2026-03-11'], 1, 600);
    await place('bk_converted', 'rt1', ['2026-03-11'], 1, 600);
    await holds.convert('bk_converted', NOW);
    await place('bk_released', 'rt1', ['2026-03-11'], 1, 600);
    await holds.release('bk_released', 'test', NOW);
    await place('bk_expiring', 'rt1', ['2026-03-12'], 1, 30);
    await place('bk_other_type', 'rt2', ['2026-03-11'], 3, 600);

    // Act
    const now = await holds.heldRooms({ hotelId: 'h1', roomTypeId: 'rt1', nights: ['2026-03-10', '2026-03-11', '2026-03-12'], now: NOW });
    const later = await holds.heldRooms({ hotelId: 'h1', roomTypeId: 'rt1', nights: ['2026-03-11', '2026-03-12'], now: at(60) });

    // Assess
    expect(Object.fromEntries(now)).toEqual({ '2026-03-10': 2, '2026-03-11': 3, '2026-03-12': 1 });
    expect(Object.fromEntries(later)).toEqual({ '2026-03-11': 3 });
  });
});
