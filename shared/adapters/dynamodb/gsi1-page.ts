import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KeysetPage, PagePosition } from '#ports/pagination.ts';
import { fromItem } from './items.ts';

/**
 * One page of a `gsi1` partition, newest first: the lists an admin pages through (failed webhook
 * events, saga dead letters). It asks for one item more than the page holds, so a page that ends
 * the list says so (no `next` leading to an empty page); a page DynamoDB cut short (1 MB) before
 * that extra item continues where it stopped.
 */
export async function gsi1Page<T>(doc: DynamoDBDocumentClient, tableName: string, partition: string, query: { limit: number; after?: PagePosition }): Promise<KeysetPage<T>> {
  const page = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: query.limit + 1,
      ...(query.after ? { ExclusiveStartKey: query.after } : {}),
    }),
  );
  const found = page.Items ?? [];
  const items = found.slice(0, query.limit);
  const last = items[items.length - 1];
  let next: PagePosition | undefined;
  if (found.length > query.limit && last) next = { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk };
  else if (page.LastEvaluatedKey) next = page.LastEvaluatedKey as PagePosition;
  return { items: items.map((i) => fromItem<T>(i)), ...(next ? { next } : {}) };
}
