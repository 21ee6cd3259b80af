import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeadLetterStatus, RecordedDeadLetter } from '#domain/dead-letter.ts';
import type { DeadLetterResolution, DeadLetterStore } from '#ports/dead-letter.port.ts';
import type { KeysetPage, PagePosition } from '#ports/pagination.ts';
import { fromItem, queryAll } from './items.ts';
import { gsi1Page } from './gsi1-page.ts';
import { bookingKeys } from './keys.ts';

/**
 * The dead letters in the table (docs/data-model.md): one item per letter in its booking's
 * partition, listed through gsi1 by status, newest first. Resolving moves a letter's gsi1 key from
 * the open partition to the resolved one, so the open list never reads resolved letters.
 */
export class DynamoDbDeadLetterStore implements DeadLetterStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(letter: RecordedDeadLetter): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...bookingKeys.deadLetter(letter.bookingId, letter.letterId),
            ...bookingKeys.deadLetterListed(letter.status, letter.at, letter.bookingId, letter.letterId),
            entity: 'DeadLetter',
            ...letter,
          },
          // The first record stands: a retried send neither duplicates nor reopens a resolved letter.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async list(query: { status: DeadLetterStatus; limit: number; after?: PagePosition }): Promise<KeysetPage<RecordedDeadLetter>> {
    return gsi1Page<RecordedDeadLetter>(this.doc, this.tableName, bookingKeys.deadLetterListPartition(query.status), query);
  }

  async resolveForBooking(bookingId: string, resolution: DeadLetterResolution): Promise<number> {
    const letters = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pk': bookingKeys.deadLetterPartition(bookingId), ':open': 'open' },
      ConsistentRead: true,
    });
    let changed = 0;
    for (const item of letters) {
      const letter = fromItem<RecordedDeadLetter>(item);
      if (await this.resolve(letter, resolution)) changed++;
    }
    return changed;
  }

  async get(bookingId: string, letterId: string): Promise<RecordedDeadLetter | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: bookingKeys.deadLetter(bookingId, letterId), ConsistentRead: true }));
    return Item ? fromItem<RecordedDeadLetter>(Item) : undefined;
  }

  /** Open -> resolved, moving the letter to the resolved list; `false` when another call got there first (its resolution stands). */
  async resolve(letter: Pick<RecordedDeadLetter, 'bookingId' | 'letterId' | 'at'>, resolution: DeadLetterResolution): Promise<boolean> {
    const listed = bookingKeys.deadLetterListed('resolved', letter.at, letter.bookingId, letter.letterId);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: bookingKeys.deadLetter(letter.bookingId, letter.letterId),
          ConditionExpression: '#status = :open',
          UpdateExpression: 'SET #status = :resolved, resolution = :resolution, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':open': 'open',
            ':resolved': 'resolved',
            ':resolution': { via: resolution.via, by: resolution.by, at: resolution.at, ...(resolution.note !== undefined ? { note: resolution.note } : {}) },
            ':gsi1pk': listed.gsi1pk,
            ':gsi1sk': listed.gsi1sk,
          },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return false;
    }
  }
}
