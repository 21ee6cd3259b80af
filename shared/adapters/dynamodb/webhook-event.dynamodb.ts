import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { WEBHOOK_EVENT_RETENTION_DAYS, type WebhookEvent, type WebhookVendor } from '#domain/webhook.ts';
import type { KeysetPage, PagePosition } from '#ports/pagination.ts';
import type { WebhookEventRepository, WebhookOutcome } from '#ports/webhook-event.repository.ts';
import { fromItem } from './items.ts';
import { gsi1Page } from './gsi1-page.ts';
import { pmsKeys } from './keys.ts';

/**
 * Webhook events, one item per vendor + eventId (`WEBHOOK#<vendor>#<eventId>`). The first write is
 * a conditional put, so duplicate detection needs no read and holds under concurrent deliveries.
 * Items expire through the table's TTL after `WEBHOOK_EVENT_RETENTION_DAYS`. A RECEIVED event is
 * stored with the outbox's sparse `gsi1` keys (`WEBHOOKS#UNQUEUED`), removed when the queue accepted
 * it; a FAILED event carries `WEBHOOKS#FAILED` instead (failure time first), so the admin's list of
 * dropped webhooks is one query; every other outcome removes it.
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
          Item: {
            ...pmsKeys.webhookEvent(event.vendor, event.eventId),
            // In the outbox until the queue accepts it (`markQueued`).
            ...(event.status === 'RECEIVED' && !event.queuedAt ? pmsKeys.unqueuedWebhook(event.receivedAt, event.vendor, event.eventId) : {}),
            entity: 'WebhookEvent',
            ...event,
            ttl,
          },
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
      Object.assign(set, pmsKeys.failedWebhookEvent(at.toISOString(), vendor, eventId));
    } else {
      remove.push('error', 'retryable', 'gsi1pk', 'gsi1sk');
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

  async listFailed(query: { limit: number; after?: PagePosition }): Promise<KeysetPage<WebhookEvent>> {
    return gsi1Page<WebhookEvent>(this.doc, this.tableName, pmsKeys.failedWebhookPartition, query);
  }

  async reopenFailed(vendor: WebhookVendor, eventId: string, at: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pmsKeys.webhookEvent(vendor, eventId),
          ConditionExpression: '#status = :failed',
          // Back in the outbox (sparse gsi1 `WEBHOOKS#UNQUEUED`) until the queue takes it again.
          UpdateExpression: 'SET #status = :received, retriedAt = :at, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk REMOVE retryable, queuedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':failed': 'FAILED',
            ':received': 'RECEIVED',
            ':at': at.toISOString(),
            ...prefixed(pmsKeys.unqueuedWebhook(at.toISOString(), vendor, eventId)),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markQueued(vendor: WebhookVendor, eventId: string, at: Date): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pmsKeys.webhookEvent(vendor, eventId),
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(queuedAt)',
          UpdateExpression: 'SET queuedAt = :at REMOVE gsi1pk, gsi1sk',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
    } catch (error) {
      // Queued already (the first mark stands), or gone (expired): nothing left to record.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async listUnqueued(before: Date, limit: number): Promise<WebhookEvent[]> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
        ExpressionAttributeValues: { ':pk': 'WEBHOOKS#UNQUEUED', ':before': before.toISOString() },
        Limit: limit,
      }),
    );
    // The index is eventually consistent: one queued a moment ago may still be listed (queueing it
    // again is harmless, the processor skips what is applied).
    return Items.map((item) => fromItem<WebhookEvent>(item)).filter((e) => e.status === 'RECEIVED' && !e.queuedAt);
  }
}

/** `{gsi1pk, gsi1sk}` as expression values `:gsi1pk`, `:gsi1sk`. */
function prefixed(keys: { gsi1pk: string; gsi1sk: string }): Record<string, string> {
  return { ':gsi1pk': keys.gsi1pk, ':gsi1sk': keys.gsi1sk };
}
