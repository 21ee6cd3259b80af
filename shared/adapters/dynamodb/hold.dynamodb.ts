import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { HoldExpiredError, SoldOutError } from '#domain/booking-errors.ts';
import type { Hold, HoldRepository, ReleaseOutcome } from '#ports/hold.repository.ts';
import { fromItem } from './items.ts';
import { bookingKeys, keys } from './keys.ts';
import { DEFAULT_TRANSACTION_RETRY, TransactionConditionFailed, transactWrite, type RetryPolicy } from './transactions.ts';

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * Holds and the inventory counters they move, always in one `TransactWriteItems`: one update per
 * night (`remaining >= :rooms`, then `remaining -= rooms, reserved += rooms`) plus the hold item.
 * A stay of up to 30 nights is at most 31 actions, well under the 100-action limit.
 */
export class DynamoDbHoldRepository implements HoldRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retry: RetryPolicy = DEFAULT_TRANSACTION_RETRY,
  ) {}

  async place(input: Omit<Hold, 'status' | 'createdAt'>, now: Date): Promise<Hold> {
    const hold: Hold = { ...input, status: 'HELD', createdAt: now.toISOString() };
    const stamp = now.toISOString();
    try {
      await transactWrite(
        this.doc,
        {
          TransactItems: [
            ...hold.nights.map((date) => ({
              Update: {
                TableName: this.tableName,
                Key: keys.inventoryNight(hold.hotelId, hold.roomTypeId, date),
                ConditionExpression: 'remaining >= :rooms',
                UpdateExpression: 'SET remaining = remaining - :rooms, reserved = reserved + :rooms, updatedAt = :now',
                ExpressionAttributeValues: { ':rooms': hold.rooms, ':now': stamp },
              },
            })),
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...bookingKeys.hold(hold.bookingId),
                  ...bookingKeys.activeHold(hold.expiresAt, hold.bookingId),
                  entity: 'Hold',
                  ...hold,
                  expiresAtEpoch: epochSeconds(hold.expiresAt),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        },
        this.retry,
      );
      return hold;
    } catch (error) {
      if (!(error instanceof TransactionConditionFailed)) throw error;
      // The hold item is last: if it already exists, this is a repeat of a step that succeeded.
      if (error.failed.includes(hold.nights.length)) {
        const existing = await this.get(hold.bookingId);
        if (existing && existing.status !== 'RELEASED') return existing;
        throw new HoldExpiredError('The hold on these rooms was already released.');
      }
      const nights = error.failed.map((i) => hold.nights[i]).join(', ');
      throw new SoldOutError(`Not enough rooms left on ${nights}.`);
    }
  }

  async get(bookingId: string): Promise<Hold | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: bookingKeys.hold(bookingId), ConsistentRead: true }),
    );
    return Item ? stripHold(Item) : undefined;
  }

  async convert(bookingId: string, now: Date): Promise<Hold> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: bookingKeys.hold(bookingId),
          ConditionExpression: '#status = :held AND expiresAtEpoch > :now',
          UpdateExpression: 'SET #status = :converted, convertedAt = :stamp REMOVE gsi1pk, gsi1sk',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':held': 'HELD',
            ':converted': 'CONVERTED',
            ':now': Math.floor(now.getTime() / 1000),
            ':stamp': now.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripHold(Attributes ?? {});
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(bookingId);
      if (existing?.status === 'CONVERTED') return existing;
      throw new HoldExpiredError('The hold on these rooms ran out before the booking was confirmed.');
    }
  }

  async release(bookingId: string, reason: string, now: Date): Promise<ReleaseOutcome> {
    for (;;) {
      const hold = await this.get(bookingId);
      if (!hold) return 'NO_HOLD';
      if (hold.status === 'RELEASED') return 'ALREADY_RELEASED';
      try {
        await this.releaseFrom(hold, hold.status, reason, now);
        return 'RELEASED';
      } catch (error) {
        // Someone changed the hold between our read and write (converted, or released it): look again.
        if (!(error instanceof TransactionConditionFailed)) throw error;
      }
    }
  }

  async releaseExpired(now: Date, limit: number): Promise<number> {
    // One page of at most `limit` due holds, oldest first; the caller asks again while pages are full.
    const { Items: due = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :now',
        ExpressionAttributeValues: { ':pk': bookingKeys.activeHoldPartition, ':now': now.toISOString() },
        Limit: limit,
      }),
    );
    let released = 0;
    for (const item of due) {
      const hold = stripHold(item);
      try {
        await this.releaseFrom(hold, 'HELD', 'expired', now, true);
        released += 1;
      } catch (error) {
        // Converted or released meanwhile: the index lags the item, and the item decides.
        if (!(error instanceof TransactionConditionFailed)) throw error;
      }
    }
    return released;
  }

  private async releaseFrom(hold: Hold, from: Hold['status'], reason: string, now: Date, onlyIfExpired = false): Promise<void> {
    const stamp = now.toISOString();
    await transactWrite(
      this.doc,
      {
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: bookingKeys.hold(hold.bookingId),
              ConditionExpression: onlyIfExpired ? '#status = :from AND expiresAtEpoch <= :nowEpoch' : '#status = :from',
              UpdateExpression: 'SET #status = :released, releasedAt = :now, releaseReason = :reason REMOVE gsi1pk, gsi1sk',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':from': from,
                ':released': 'RELEASED',
                ':now': stamp,
                ':reason': reason,
                ...(onlyIfExpired ? { ':nowEpoch': Math.floor(now.getTime() / 1000) } : {}),
              },
            },
          },
          ...hold.nights.map((date) => ({
            Update: {
              TableName: this.tableName,
              Key: keys.inventoryNight(hold.hotelId, hold.roomTypeId, date),
              UpdateExpression: 'SET remaining = remaining + :rooms, reserved = reserved - :rooms, updatedAt = :now',
              ExpressionAttributeValues: { ':rooms': hold.rooms, ':now': stamp },
            },
          })),
        ],
      },
      this.retry,
    );
  }
}

function stripHold(item: Record<string, unknown>): Hold {
  const { expiresAtEpoch: _e, convertedAt: _c, ...rest } = fromItem<Hold & { expiresAtEpoch?: number; convertedAt?: string }>(item);
  return rest;
}
