import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Room } from '#domain/room.ts';
import { RoomNumberTakenError } from '#domain/room-errors.ts';
import type { RoomRepository } from '#ports/room.repository.ts';
import { fromItem, queryAll } from './items.ts';
import { roomKeys } from './keys.ts';
import { TransactionConditionFailed, transactWrite } from './transactions.ts';

/** A room number's claim in its hotel: the item that makes numbers unique (`sk=NUMBER#<number>`). */
function numberKey(hotelId: string, number: string) {
  return { pk: roomKeys.roomsPartition(hotelId), sk: `NUMBER#${number.trim().toUpperCase()}` };
}

/**
 * Rooms in their hotel's `ROOMS#` partition, one item each, plus one item per room number so that
 * two rooms of a hotel can never share one: a create or renumbering writes both in a transaction.
 */
export class DynamoDbRoomRepository implements RoomRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(room: Room): Promise<void> {
    try {
      await transactWrite(this.doc, {
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...numberKey(room.hotelId, room.number), entity: 'RoomNumber', roomId: room.roomId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: { ...roomKeys.room(room.hotelId, room.roomId), entity: 'Room', ...room },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      });
    } catch (error) {
      if (!(error instanceof TransactionConditionFailed)) throw error;
      if (error.failed.includes(0)) throw new RoomNumberTakenError(`Room number ${room.number} is taken in hotel ${room.hotelId}.`);
      throw new RoomNumberTakenError(`Room ${room.roomId} already exists in hotel ${room.hotelId}.`);
    }
  }

  async get(hotelId: string, roomId: string): Promise<Room | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: roomKeys.room(hotelId, roomId), ConsistentRead: true }));
    return Item ? fromItem<Room>(Item) : undefined;
  }

  async list(hotelId: string, filter: { roomTypeId?: string } = {}): Promise<Room[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': roomKeys.roomsPartition(hotelId), ':prefix': roomKeys.roomPrefix, ...(filter.roomTypeId ? { ':rt': filter.roomTypeId } : {}) },
      ...(filter.roomTypeId ? { FilterExpression: 'roomTypeId = :rt' } : {}),
      ConsistentRead: true,
    });
    return items.map((item) => fromItem<Room>(item)).sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
  }

  async update(before: Room, after: Room): Promise<Room | undefined> {
    const renumbered = numberKey(before.hotelId, before.number).sk !== numberKey(after.hotelId, after.number).sk;
    try {
      await transactWrite(this.doc, {
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...roomKeys.room(after.hotelId, after.roomId), entity: 'Room', ...after },
              ConditionExpression: 'updatedAt = :seen',
              ExpressionAttributeValues: { ':seen': before.updatedAt },
            },
          },
          ...(renumbered
            ? [
                {
                  Put: {
                    TableName: this.tableName,
                    Item: { ...numberKey(after.hotelId, after.number), entity: 'RoomNumber', roomId: after.roomId },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
                { Delete: { TableName: this.tableName, Key: numberKey(before.hotelId, before.number) } },
              ]
            : []),
        ],
      });
      return after;
    } catch (error) {
      if (!(error instanceof TransactionConditionFailed)) throw error;
      if (error.failed.includes(1)) throw new RoomNumberTakenError(`Room number ${after.number} is taken in hotel ${after.hotelId}.`);
      return undefined;
    }
  }

  async delete(room: Room): Promise<void> {
    try {
      await transactWrite(this.doc, {
        TransactItems: [
          { Delete: { TableName: this.tableName, Key: roomKeys.room(room.hotelId, room.roomId), ConditionExpression: 'attribute_exists(pk)' } },
          { Delete: { TableName: this.tableName, Key: numberKey(room.hotelId, room.number) } },
        ],
      });
    } catch (error) {
      if (error instanceof TransactionConditionFailed || error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }
}
