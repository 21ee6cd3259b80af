import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InventoryMovement, InventoryNight } from '#domain/inventory.ts';
import type { SummaryNight } from '#domain/search.ts';
import type { Hold } from '#ports/hold.repository.ts';
import { summaryNightOf } from './availability-summary.ts';
import { fromItem } from './items.ts';

/**
 * Everything the inventory check needs, from one consistent scan of the table: nights, holds and
 * movements. A full scan is right for an audit (`npm run inventory:check`, the tests) and wrong for
 * a request path; nothing on a request path calls it.
 */
export async function scanInventoryState(
  doc: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ nights: InventoryNight[]; holds: Hold[]; movements: InventoryMovement[] }> {
  const nights: InventoryNight[] = [];
  const holds: Hold[] = [];
  const movements: InventoryMovement[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
        FilterExpression: 'entity IN (:night, :hold, :movement)',
        ExpressionAttributeValues: { ':night': 'InventoryNight', ':hold': 'Hold', ':movement': 'InventoryMovement' },
      }),
    );
    for (const item of (page.Items ?? []) as Record<string, unknown>[]) {
      if (item.entity === 'InventoryNight') nights.push(fromItem<InventoryNight>(item));
      else if (item.entity === 'Hold') holds.push(fromItem<Hold>(item));
      else movements.push(fromItem<InventoryMovement>(item));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { nights, holds, movements };
}

/** Every night and every availability summary night, from one consistent scan (`checkSummary`). */
export async function scanSummaryState(doc: DynamoDBDocumentClient, tableName: string): Promise<{ nights: InventoryNight[]; summaries: SummaryNight[] }> {
  const nights: InventoryNight[] = [];
  const summaries: SummaryNight[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
        FilterExpression: 'entity IN (:night, :summary)',
        ExpressionAttributeValues: { ':night': 'InventoryNight', ':summary': 'AvailabilityNight' },
      }),
    );
    for (const item of (page.Items ?? []) as Record<string, unknown>[]) {
      if (item.entity === 'InventoryNight') nights.push(fromItem<InventoryNight>(item));
      else summaries.push(summaryNightOf(item));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { nights, summaries };
}
