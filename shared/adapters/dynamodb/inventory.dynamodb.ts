import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '#domain/dates.ts';
import type { InventoryNight } from '#domain/inventory.ts';
import type { InventoryReader, InventoryWriter } from '#ports/inventory.repository.ts';
import { forEachLimited, fromItem, queryAll } from './items.ts';
import { keys } from './keys.ts';

/**
 * Inventory nights: partition `INV#<hotel>#<roomType>`, sort key `DATE#<yyyy-mm-dd>`, so any stay
 * or calendar range is one `Query` with `BETWEEN`, and each night is its own item that a
 * conditional write or transaction can guard.
 */
export class DynamoDbInventory implements InventoryReader, InventoryWriter {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getNights(hotelId: string, roomTypeId: string, startDate: IsoDate, endDate: IsoDate): Promise<InventoryNight[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': keys.inventoryPartition(hotelId, roomTypeId),
        ':from': keys.inventorySortKey(startDate),
        ':to': keys.inventorySortKey(endDate),
      },
    });
    return items.map((i) => fromItem<InventoryNight>(i));
  }

  async createNights(nights: InventoryNight[]): Promise<void> {
    await forEachLimited(nights, 16, async (night) => {
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...keys.inventoryNight(night.hotelId, night.roomTypeId, night.date), entity: 'InventoryNight', ...night },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    });
  }
}
