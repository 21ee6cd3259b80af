import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { WEBHOOK_EVENT_RETENTION_DAYS, type WebhookEvent, type WebhookVendor } from '#domain/webhook.ts';
import type { WebhookEventRepository, WebhookOutcome } from '#ports/webhook-event.repository.ts';
import { fromItem } from './items.ts';
import { pmsKeys } from './keys.ts';

/**
 * Webhook events, one item per vendor + eventId (`WEBHOOK#<vendor>#<eventId>`). The first write is
 * a conditional put, so duplicate detection needs no read and holds under concurrent deliveries.
 * Items expire through the table's TTL after `WEBHOOK_EVENT_RETENTION_DAYS`.
 */
export class DynamoDbWebhookEventRepository implements WebhookEventRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(event: WebhookEvent): Promise<'created' | 'duplicate'> {
    const ttl = Math.floor(Date.parse(event.receivedAt) / 1000) + WEBHOOK_EVENT_RETENTION_DAYS * 86_400;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...pmsKeys.webhookEvent(event.vendor, event.eventId), entity: 'WebhookEvent', ...event, ttl },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  async get(vendor: WebhookVendor, eventId: string): Promise<WebhookEvent | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: pmsKeys.webhookEvent(vendor, eventId), ConsistentRead: true }),
    );
    return Item ? fromItem<WebhookEvent>(Item) : undefined;
  }

  async startAttempt(vendor: WebhookVendor, eventId: string): Promise<WebhookEvent | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pmsKeys.webhookEvent(vendor, eventId),
          ConditionExpression: 'attribute_exists(pk)',
          UpdateExpression: 'ADD attempts :one',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem<WebhookEvent>(Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async finish(vendor: WebhookVendor, eventId: string, outcome: WebhookOutcome, at: Date): Promise<void> {
    const set: Record<string, unknown> = { status: outcome.status, processedAt: at.toISOString() };
    const remove: string[] = [];
    if (outcome.status === 'FAILED') {
      set.error = outcome.error;
      set.retryable = outcome.retryable;
    } else {
      remove.push('error', 'retryable');
      if (outcome.status === 'PROCESSED') set.result = outcome.result;
      if (outcome.note !== undefined) set.note = outcome.note;
    }
    const names = Object.fromEntries([...Object.keys(set), ...remove].map((k, i) => [`#a${i}`, k]));
    const setParts = Object.keys(set).map((_, i) => `#a${i} = :v${i}`);
    const removeParts = remove.map((_, i) => `#a${Object.keys(set).length + i}`);
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: pmsKeys.webhookEvent(vendor, eventId),
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: `SET ${setParts.join(', ')}${removeParts.length > 0 ? ` REMOVE ${removeParts.join(', ')}` : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: Object.fromEntries(Object.values(set).map((v, i) => [`:v${i}`, v])),
      }),
    );
  }

  async deleteIfReceived(vendor: WebhookVendor, eventId: string): Promise<boolean> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: pmsKeys.webhookEvent(vendor, eventId),
          ConditionExpression: '#status = :received',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':received': 'RECEIVED' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
