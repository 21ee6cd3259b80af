import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IsoDate } from '#domain/dates.ts';
import { newNight, sellLimitFor, type InventoryNight } from '#domain/inventory.ts';
import type {
  InventoryReader,
  InventoryWriter,
  PmsApplyOutcome,
  PmsInventorySync,
  PmsNightRate,
  PmsNightTotal,
} from '#ports/inventory.repository.ts';
import { forEachLimited, fromItem, queryAll } from './items.ts';
import { keys } from './keys.ts';
import { TransactionConditionFailed, transactWrite } from './transactions.ts';

/** TransactWriteItems' maximum. */
const CREATE_BATCH_SIZE = 100;
/** BatchWriteItem's maximum. */
const SEED_BATCH_SIZE = 25;
const SEED_BATCHES_IN_FLIGHT = 2;
const SEED_MAX_ATTEMPTS = 8;

/**
 * Inventory nights: partition `INV#<hotel>#<roomType>`, sort key `DATE#<yyyy-mm-dd>`, so any stay
 * or calendar range is one `Query` with `BETWEEN`, and each night is its own item that a
 * conditional write or transaction can guard.
 */
export class DynamoDbInventory implements InventoryReader, InventoryWriter, PmsInventorySync {
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
    return items.map(stripNight);
  }

  /**
   * Creates nights in batches: one `TransactWriteItems` of up to 100 conditional puts
   * (`attribute_not_exists(pk)`) per batch. A batch some of whose nights exist already is
   * cancelled as a whole; those nights are dropped from it (left exactly as they are, `reserved`
   * included) and the rest is written again. So the outcome is the one of a conditional put per
   * night, in a hundredth of the requests. Batches go one at a time: DynamoDB Local serializes
   * transactions on a partition with locks, and several at once only wait on each other.
   */
  async createNights(nights: InventoryNight[]): Promise<void> {
    const unique = [...new Map(nights.map((n) => [`${n.hotelId}|${n.roomTypeId}|${n.date}`, n])).values()];
    const batches: InventoryNight[][] = [];
    for (let i = 0; i < unique.length; i += CREATE_BATCH_SIZE) batches.push(unique.slice(i, i + CREATE_BATCH_SIZE));
    for (const batch of batches) await this.createBatch(batch);
  }

  /**
   * `BatchWriteItem` of 25 plain puts, a few requests at once, retrying what DynamoDB leaves
   * unprocessed with backoff: half the write units of a transaction and no conditions, which is
   * why it is only for nights nobody can reach (see the port).
   */
  async seedUnreachableNights(nights: InventoryNight[]): Promise<void> {
    const unique = [...new Map(nights.map((n) => [`${n.hotelId}|${n.roomTypeId}|${n.date}`, n])).values()];
    const batches: InventoryNight[][] = [];
    for (let i = 0; i < unique.length; i += SEED_BATCH_SIZE) batches.push(unique.slice(i, i + SEED_BATCH_SIZE));
    await forEachLimited(batches, SEED_BATCHES_IN_FLIGHT, async (batch) => {
      let requests = batch.map((night) => ({
        PutRequest: { Item: { ...keys.inventoryNight(night.hotelId, night.roomTypeId, night.date), entity: 'InventoryNight', ...night } },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt >= SEED_MAX_ATTEMPTS) throw new Error(`DynamoDB left ${requests.length} nights unwritten after ${SEED_MAX_ATTEMPTS} attempts`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** attempt)));
        const { UnprocessedItems } = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    });
  }

  private async createBatch(batch: InventoryNight[]): Promise<void> {
    let pending = batch;
    while (pending.length > 0) {
      try {
        await transactWrite(this.doc, {
          TransactItems: pending.map((night) => ({
            Put: {
              TableName: this.tableName,
              Item: { ...keys.inventoryNight(night.hotelId, night.roomTypeId, night.date), entity: 'InventoryNight', ...night },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
        });
        return;
      } catch (error) {
        if (!(error instanceof TransactionConditionFailed)) throw error;
        const existing = new Set(error.failed);
        pending = pending.filter((_, i) => !existing.has(i));
      }
    }
  }

  async applyTotal(fact: PmsNightTotal, now: Date): Promise<{ outcome: PmsApplyOutcome; night?: InventoryNight }> {
    const key = keys.inventoryNight(fact.hotelId, fact.roomTypeId, fact.date);
    const limit = sellLimitFor(fact.total);
    const stamp = now.toISOString();
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const { Attributes } = await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(pmsTotalAt) OR pmsTotalAt <= :at)',
            UpdateExpression:
              'SET #total = :total, sellLimit = :limit, remaining = :limit - reserved, pmsTotalAt = :at, syncedAt = :now, updatedAt = :now',
            ExpressionAttributeNames: { '#total': 'total' },
            ExpressionAttributeValues: { ':total': fact.total, ':limit': limit, ':at': fact.sourceAt, ':now': stamp },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { outcome: 'applied', night: stripNight(Attributes ?? {}) };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      if (Item) return { outcome: 'stale', night: stripNight(Item) };
      const night = {
        ...newNight({ ...fact, now: stamp, syncedAt: stamp }),
        pmsTotalAt: fact.sourceAt,
      };
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...key, entity: 'InventoryNight', ...night },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { outcome: 'created', night: stripNight(night) };
      } catch (error) {
        // Created by someone else in between: apply to that night on the next turn.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new Error(`Could not apply the PMS total for ${fact.hotelId}/${fact.roomTypeId}/${fact.date}`);
  }

  async applyRate(fact: PmsNightRate, now: Date): Promise<PmsApplyOutcome> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.inventoryNight(fact.hotelId, fact.roomTypeId, fact.date),
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(pmsRateAt) OR pmsRateAt <= :at)',
          UpdateExpression: 'SET priceMinor = :price, currency = :currency, pmsRateAt = :at, updatedAt = :now',
          ExpressionAttributeValues: { ':price': fact.priceMinor, ':currency': fact.currency, ':at': fact.sourceAt, ':now': now.toISOString() },
        }),
      );
      return 'applied';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'stale';
      throw error;
    }
  }

  async setOverbooked(hotelId: string, roomTypeId: string, date: IsoDate, overbooked: boolean): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.inventoryNight(hotelId, roomTypeId, date),
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'SET overbooked = :flag',
        ExpressionAttributeValues: { ':flag': overbooked },
      }),
    );
  }
}

function stripNight(item: Record<string, unknown>): InventoryNight {
  const { pmsTotalAt: _t, pmsRateAt: _r, ...rest } = fromItem<InventoryNight & { pmsTotalAt?: string; pmsRateAt?: string }>(item);
  return rest;
}
