import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '#domain/audit.ts';
import type { CatalogAdminRepository, CatalogRecord, CatalogWriteOutcome, WriteExpectation } from '#ports/catalog-admin.repository.ts';
import type { KeysetPage, PagePosition } from '#ports/pagination.ts';
import { fromItem, queryAll } from './items.ts';
import { auditKeys, keys } from './keys.ts';
import { hotelItem, ratePlanItem, roomTypeItem } from './listing-import.dynamodb.ts';
import { TransactionConditionFailed, transactWrite } from './transactions.ts';

/** Query pages one audit page may read before it answers with what it found (and a cursor). */
const AUDIT_READ_BUDGET = 5;
/** Audit entries are kept two years, like the inventory ledger; DynamoDB's TTL removes them after. */
const AUDIT_RETENTION_SECONDS = 2 * 366 * 24 * 3600;

/**
 * Admin writes of hotels, room types and rate plans, each in one `TransactWriteItems` with its
 * audit entry. Records are the very items the import and the readers use (`hotelItem`, ...), so a
 * hotel written here reads the same as an imported one.
 */
export class DynamoDbCatalogAdmin implements CatalogAdminRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async write(record: CatalogRecord, expect: WriteExpectation, audit: AuditEntry): Promise<CatalogWriteOutcome> {
    const item =
      record.kind === 'hotel' ? hotelItem(record.value) : record.kind === 'roomType' ? roomTypeItem(record.value) : ratePlanItem(record.value);
    try {
      await transactWrite(this.doc, {
        TransactItems: [{ Put: { TableName: this.tableName, Item: item, ...conditionOf(expect) } }, this.auditPut(audit)],
      });
      return 'written';
    } catch (error) {
      if (error instanceof TransactionConditionFailed && error.failed.includes(0)) return expect.kind === 'new' ? 'exists' : 'conflict';
      throw error;
    }
  }

  async deleteRoomType(hotelId: string, roomTypeId: string, version: number, audit: AuditEntry): Promise<'written' | 'conflict'> {
    const plans = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.hotel(hotelId).pk, ':prefix': keys.ratePlanPrefix(roomTypeId) },
      ProjectionExpression: 'pk, sk',
    });
    try {
      await transactWrite(this.doc, {
        TransactItems: [
          { Delete: { TableName: this.tableName, Key: keys.roomType(hotelId, roomTypeId), ...conditionOf({ kind: 'version', version }) } },
          ...plans.map((p) => ({ Delete: { TableName: this.tableName, Key: { pk: p.pk, sk: p.sk } } })),
          this.auditPut(audit),
        ],
      });
      return 'written';
    } catch (error) {
      if (error instanceof TransactionConditionFailed && error.failed.includes(0)) return 'conflict';
      throw error;
    }
  }

  async recordAudit(audit: AuditEntry): Promise<void> {
    await this.doc.send(new PutCommand(this.auditPut(audit).Put));
  }

  async listAudit(hotelId: string, entity: string, page: { limit: number; after?: PagePosition }): Promise<KeysetPage<AuditEntry>> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined = page.after ? { ...page.after } : undefined;
    for (let reads = 0; reads < AUDIT_READ_BUDGET && items.length < page.limit; reads++) {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: '#resource = :entity OR begins_with(#resource, :below)',
          ExpressionAttributeNames: { '#resource': 'resource' },
          ExpressionAttributeValues: { ':pk': auditKeys.partition(hotelId), ':entity': entity, ':below': `${entity}/` },
          ScanIndexForward: false,
          Limit: 100,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of (out.Items ?? []) as Record<string, unknown>[]) {
        items.push(item);
        if (items.length === page.limit) {
          // Stop at the last entry returned: the next page starts right after it.
          startKey = { pk: item.pk, sk: item.sk };
          break;
        }
      }
      if (items.length < page.limit) startKey = out.LastEvaluatedKey;
      if (!startKey) break;
    }
    return {
      items: items.map((item) => {
        const { resource, ttl: _ttl, ...rest } = fromItem<Omit<AuditEntry, 'entity'> & { resource: string; ttl?: number }>(item);
        return { ...rest, entity: resource };
      }),
      ...(startKey ? { next: startKey as PagePosition } : {}),
    };
  }

  private auditPut(audit: AuditEntry) {
    const { entity, ...rest } = audit;
    return {
      Put: {
        TableName: this.tableName,
        Item: {
          ...auditKeys.entry(audit.hotelId, audit.at, audit.auditId),
          entity: 'AuditEntry',
          ...rest,
          resource: entity,
          ttl: Math.floor(Date.parse(audit.at) / 1000) + AUDIT_RETENTION_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }
}

function conditionOf(expect: WriteExpectation) {
  if (expect.kind === 'new') return { ConditionExpression: 'attribute_not_exists(pk)' };
  if (expect.version === 0) {
    return {
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(version) OR version = :version)',
      ExpressionAttributeValues: { ':version': 0 },
    };
  }
  return { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': expect.version } };
}
