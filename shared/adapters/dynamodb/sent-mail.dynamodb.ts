import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MailClaim, SentMailLog } from '#ports/mail.port.ts';
import { mailKeys } from './keys.ts';

/** Sent-mail records are kept a year: longer than any redelivery, and the trail support reads. */
const SENT_MAIL_TTL_SECONDS = 365 * 24 * 3600;

const onceKey = (key: string) => ({ pk: `ONCE#${key}`, sk: 'META' });

/**
 * `MAIL#<event id>` items: `status` SENDING (with `claimedAt`) while a delivery sends, SENT with the
 * provider's message id after. Every transition is a conditional write, so of two deliveries of one
 * event exactly one claims it.
 */
export class DynamoDbSentMailLog implements SentMailLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(dedupeId: string, context: { bookingId: string; kind: string; eventType: string }, now: Date, leaseMs: number): Promise<MailClaim> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...mailKeys.sent(dedupeId),
            entity: 'SentMail',
            dedupeId,
            ...context,
            status: 'SENDING',
            claimedAt: now.toISOString(),
            ttl: Math.floor(now.getTime() / 1000) + SENT_MAIL_TTL_SECONDS,
          },
          // New, or a claim whose sender died (its lease ran out) and that never became SENT.
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND claimedAt < :stale)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'SENDING', ':stale': new Date(now.getTime() - leaseMs).toISOString() },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: mailKeys.sent(dedupeId), ConsistentRead: true }));
      return Item?.status === 'SENT' ? 'sent' : 'in_progress';
    }
  }

  async markSent(dedupeId: string, messageId: string, now: Date): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: mailKeys.sent(dedupeId),
        UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :now REMOVE claimedAt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'SENT', ':messageId': messageId, ':now': now.toISOString() },
      }),
    );
  }

  async abandon(dedupeId: string, now: Date): Promise<void> {
    try {
      // Back-dates the claim so the retry may take it at once; a SENT record is left alone.
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: mailKeys.sent(dedupeId),
          UpdateExpression: 'SET claimedAt = :expired, failedAt = :now',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'SENDING', ':expired': '0000-00-00T00:00:00.000Z', ':now': now.toISOString() },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async seen(key: string): Promise<boolean> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: onceKey(key), ConsistentRead: true }));
    return Item !== undefined;
  }

  async remember(key: string, now: Date, ttlSeconds: number): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...onceKey(key), entity: 'Once', at: now.toISOString(), ttl: Math.floor(now.getTime() / 1000) + ttlSeconds },
      }),
    );
  }
}
