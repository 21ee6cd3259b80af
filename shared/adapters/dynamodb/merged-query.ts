import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BadCursorError } from '#domain/errors.ts';
import type { PagePosition } from '#ports/pagination.ts';

/**
 * Newest-first pages over several partitions of one index, merged: a guest's bookings (those they
 * own and those their verified e-mail claims), or a hotel manager's bookings across their hotels.
 *
 * Every partition sorts by the same kind of sort key, unique per item (`<time>#<bookingId>`), so a
 * page's position is one value: the sort key of the last item returned, and the next page reads each
 * partition below it. Each partition is read within a budget; a partition that stopped early
 * (budget, or enough items) has a *frontier*, the lowest key it evaluated. Only items at or above
 * the highest frontier are certain to be complete across partitions, so the page stops there and
 * the cursor resumes from it. An item found in two partitions (never for bookings, each is filed
 * once) is returned once.
 */
export interface MergedQuery {
  index: string;
  partitions: readonly string[];
  /** Sort keys at or above this (inclusive), e.g. a check-in date. */
  from?: string;
  /** Sort keys up to this (inclusive upper bound as a key: pass `<date>#~` for a whole day). */
  upTo?: string;
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  limit: number;
  after?: PagePosition;
  /** Queries per partition, and items per query when a filter may skip most of them. */
  budget: { queries: number; itemsPerFilteredQuery: number };
  /** The attribute that identifies an item across partitions. */
  idAttribute: string;
}

interface PartitionRead {
  items: Record<string, unknown>[];
  /** The lowest sort key evaluated, when the partition was not read to its end. */
  frontier?: string;
}

/** A merged list's position is `{ before: <sort key> }`, and nothing else. */
export function beforeOf(position: PagePosition | undefined): string | undefined {
  if (!position) return undefined;
  const keys = Object.keys(position);
  if (keys.length !== 1 || keys[0] !== 'before' || typeof position.before !== 'string' || position.before === '') throw new BadCursorError();
  return position.before;
}

export async function queryMerged(
  doc: DynamoDBDocumentClient,
  tableName: string,
  query: MergedQuery,
): Promise<{ items: Record<string, unknown>[]; next?: PagePosition }> {
  const before = beforeOf(query.after);
  const pkName = `${query.index}pk`;
  const skName = `${query.index}sk`;
  const upper = [before, query.upTo].filter((v): v is string => v !== undefined).sort()[0] ?? '\uffff';
  // Key values cannot be empty; every sort key here starts with a date or a time.
  const lower = query.from ?? '0000';

  async function readPartition(pk: string): Promise<PartitionRead> {
    const found: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (let queries = 0; queries < query.budget.queries; queries++) {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: query.index,
          // BETWEEN is inclusive: the item at `before` itself (the last one already returned) is dropped below.
          KeyConditionExpression: `#pk = :pk AND #sk BETWEEN :lower AND :upper`,
          ...(query.filter ? { FilterExpression: query.filter.expression } : {}),
          ExpressionAttributeNames: { '#pk': pkName, '#sk': skName, ...query.filter?.names },
          ExpressionAttributeValues: { ':pk': pk, ':lower': lower, ':upper': upper, ...query.filter?.values },
          Limit: query.filter ? query.budget.itemsPerFilteredQuery : query.limit + 2 - found.length,
          ScanIndexForward: false,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      found.push(...((page.Items ?? []) as Record<string, unknown>[]).filter((item) => item[skName] !== before));
      startKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
      if (!startKey) return { items: found };
      if (found.length > query.limit) break;
    }
    return { items: found, frontier: String(startKey![skName]) };
  }

  const reads = await Promise.all(query.partitions.map(readPartition));
  const frontiers = reads.flatMap((r) => (r.frontier === undefined ? [] : [r.frontier]));
  const cutoff = frontiers.sort().at(-1);
  const seen = new Set<unknown>();
  const merged = reads
    .flatMap((r) => r.items)
    .filter((item) => cutoff === undefined || String(item[skName]) >= cutoff)
    .sort((a, b) => (String(a[skName]) < String(b[skName]) ? 1 : String(a[skName]) > String(b[skName]) ? -1 : 0))
    .filter((item) => {
      const id = item[query.idAttribute];
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  const items = merged.slice(0, query.limit);
  // A full page resumes below its last item; a page cut short by a partition's frontier resumes there.
  if (merged.length > query.limit) return { items, next: { before: String(items.at(-1)![skName]) } };
  if (cutoff !== undefined) return { items, next: { before: cutoff } };
  return { items };
}
