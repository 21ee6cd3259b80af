import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '#domain/errors.ts';
import type { PmsConfig } from '#domain/pms-config.ts';
import { PMS_VENDORS, type PmsVendor } from '#domain/pms.ts';
import type { PmsConfigRepository } from '#ports/pms-config.repository.ts';
import { fromItem, queryAll } from './items.ts';
import { pmsKeys } from './keys.ts';

/** PMS configs (seed 000's `pms_configs`); credentials are stored sealed, never in the clear. */
export class DynamoDbPmsConfigRepository implements PmsConfigRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(configId: string): Promise<PmsConfig | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: pmsKeys.config(configId), ConsistentRead: true }));
    return Item ? fromItem<PmsConfig>(Item) : undefined;
  }

  async findByHotel(hotelId: string): Promise<PmsConfig | undefined> {
    const [item] = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': pmsKeys.configByHotel(hotelId, '').gsi2pk },
    });
    return item ? fromItem<PmsConfig>(item) : undefined;
  }

  async findByVendorHotel(vendor: PmsVendor, pmsHotelId: string): Promise<PmsConfig | undefined> {
    const [item] = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
      ExpressionAttributeValues: pmsKeyValues(vendor, pmsHotelId),
    });
    return item ? fromItem<PmsConfig>(item) : undefined;
  }

  async list(): Promise<PmsConfig[]> {
    const perVendor = await Promise.all(
      PMS_VENDORS.map((vendor) =>
        queryAll(this.doc, {
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': pmsKeys.configByVendor(vendor, '').gsi1pk },
        }),
      ),
    );
    return perVendor.flat().map((i) => fromItem<PmsConfig>(i));
  }

  async put(config: PmsConfig): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...pmsKeys.config(config.configId),
          ...pmsKeys.configByVendor(config.vendor, config.pmsHotelId),
          ...pmsKeys.configByHotel(config.hotelId, config.configId),
          entity: 'PmsConfig',
          ...config,
        },
      }),
    );
  }

  async patch(configId: string, fields: Partial<Omit<PmsConfig, 'configId'>>): Promise<PmsConfig> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    if (entries.length === 0) {
      const current = await this.get(configId);
      if (!current) throw new NotFoundError('PMS config', configId);
      return current;
    }
    const names = Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k]));
    const values = Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v]));
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pmsKeys.config(configId),
          ConditionExpression: 'attribute_exists(pk)',
          UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem<PmsConfig>(Attributes ?? {});
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') throw new NotFoundError('PMS config', configId);
      throw error;
    }
  }
}

function pmsKeyValues(vendor: PmsVendor, pmsHotelId: string) {
  const k = pmsKeys.configByVendor(vendor, pmsHotelId);
  return { ':pk': k.gsi1pk, ':sk': k.gsi1sk };
}
