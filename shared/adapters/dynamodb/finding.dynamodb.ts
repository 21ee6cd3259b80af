import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FindingStatus, ReconciliationFinding } from '#domain/reconciliation.ts';
import type { FindingPage, FindingRepository } from '#ports/finding.repository.ts';
import type { PagePosition } from '#ports/pagination.ts';
import { fromItem } from './items.ts';
import { findingKeys } from './keys.ts';

function indexKeys(f: ReconciliationFinding) {
  return { ...findingKeys.byStatus(f.status, f.lastSeenAt, f.findingId), ...findingKeys.byHotel(f.hotelId, f.status, f.lastSeenAt, f.findingId) };
}

/**
 * Findings, one item each, indexed by status (gsi1) and by hotel and status (gsi2) with the time
 * last seen as sort key, so "open, newest first" is one query.
 */
export class DynamoDbFindingRepository implements FindingRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(finding: ReconciliationFinding): Promise<{ opened: boolean }> {
    const existing = await this.get(finding.findingId);
    if (existing?.status === 'open') {
      const next: ReconciliationFinding = { ...existing, detail: finding.detail, lastSeenAt: finding.lastSeenAt, ...(finding.action ? { action: finding.action } : {}) };
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...findingKeys.finding(next.findingId), ...indexKeys(next), entity: 'Finding', ...next },
        }),
      );
      return { opened: false };
    }
    const opened: ReconciliationFinding = { ...finding, status: 'open', firstSeenAt: existing ? finding.lastSeenAt : finding.firstSeenAt };
    delete opened.resolvedAt;
    delete opened.resolution;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...findingKeys.finding(opened.findingId), ...indexKeys(opened), entity: 'Finding', ...opened },
          // Two finders at once: one opens it, the other finds it open on its next run.
          ...(existing ? { ConditionExpression: '#status = :resolved', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':resolved': 'resolved' } } : { ConditionExpression: 'attribute_not_exists(pk)' }),
        }),
      );
      return { opened: true };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return { opened: false };
      throw error;
    }
  }

  async get(findingId: string): Promise<ReconciliationFinding | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: findingKeys.finding(findingId), ConsistentRead: true }));
    return Item ? fromItem<ReconciliationFinding>(Item) : undefined;
  }

  async list(query: { status: FindingStatus; hotelId?: string; limit: number; after?: PagePosition }): Promise<FindingPage> {
    const index = query.hotelId ? 'gsi2' : 'gsi1';
    const pk = query.hotelId ? findingKeys.byHotel(query.hotelId, query.status, '', '').gsi2pk : findingKeys.byStatus(query.status, '', '').gsi1pk;
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: query.after,
      }),
    );
    const next = page.LastEvaluatedKey as PagePosition | undefined;
    return { items: (page.Items ?? []).map((i) => fromItem<ReconciliationFinding>(i)), ...(next ? { next } : {}) };
  }

  async resolve(findingId: string, resolution: string, now: Date): Promise<ReconciliationFinding | undefined> {
    const current = await this.get(findingId);
    if (!current || current.status !== 'open') return undefined;
    const resolved: ReconciliationFinding = { ...current, status: 'resolved', resolvedAt: now.toISOString(), resolution };
    const keys = findingKeys.byStatus('resolved', resolved.resolvedAt!, findingId);
    const hotelKeys = findingKeys.byHotel(resolved.hotelId, 'resolved', resolved.resolvedAt!, findingId);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: findingKeys.finding(findingId),
          ConditionExpression: '#status = :open',
          UpdateExpression: 'SET #status = :resolved, resolvedAt = :at, resolution = :resolution, gsi1pk = :g1pk, gsi1sk = :g1sk, gsi2pk = :g2pk, gsi2sk = :g2sk',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':open': 'open',
            ':resolved': 'resolved',
            ':at': resolved.resolvedAt,
            ':resolution': resolution,
            ':g1pk': keys.gsi1pk,
            ':g1sk': keys.gsi1sk,
            ':g2pk': hotelKeys.gsi2pk,
            ':g2sk': hotelKeys.gsi2sk,
          },
        }),
      );
      return resolved;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
