import { randomUUID } from 'node:crypto';
import type { InventoryMovement } from '#domain/inventory.ts';
import { keys } from './keys.ts';

/** How long movements are kept: two years, enough for any stay's audit; DynamoDB's TTL removes them after. */
const MOVEMENT_RETENTION_SECONDS = 2 * 366 * 24 * 3600;

/**
 * The `Put` of one ledger entry, for the transaction that makes the change it records. The key is
 * new every time (time, then a random id), so the put never collides and the ledger only grows.
 */
export function movementPut(tableName: string, movement: InventoryMovement) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.movement(movement.hotelId, movement.roomTypeId, movement.date, movement.at, randomUUID().slice(0, 8)),
        entity: 'InventoryMovement',
        ...movement,
        ttl: Math.floor(Date.parse(movement.at) / 1000) + MOVEMENT_RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
