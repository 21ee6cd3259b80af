import { BatchGetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BadCursorError } from '#domain/errors.ts';
import { isHotelActive, type Hotel } from '#domain/hotel.ts';
import type { AdminHotelListQuery, HotelStatusFilter } from '#ports/hotel-catalog.repository.ts';
import type { KeysetPage, PagePosition } from '#ports/pagination.ts';
import { fromItem } from './items.ts';
import { keys, normaliseCity } from './keys.ts';

/** Queries one source (an index partition) may run for one page before the page stops where it got. */
const QUERIES_PER_SOURCE = 5;
/** Items each query evaluates when a status filter may skip most of them. */
const ITEMS_PER_FILTERED_QUERY = 100;

/**
 * The admin's list of hotels (`GET /api/admin/hotels`), in name order.
 *
 * A deactivated hotel keeps its index keys (`hotelItem` writes them whatever `isActive` is), so
 * every hotel is in gsi2's one `CATALOG#HOTEL` partition and in its city's gsi1 partition, both
 * sorted by `HOTEL#<name lower case>#<hotelId>`: the same sort key in both. So:
 * - no `q`: one range of gsi2, the status a filter on `isActive`;
 * - `q`: the names starting with it (a `BETWEEN` on gsi2's sort key) and the city named so (gsi1's
 *   partition), merged in sort-key order, a hotel found by both returned once;
 * - a hotel manager's hotels: read by key (a manager has a few), filtered and sorted the same way.
 *
 * The position is `{ after: <sort key of the last hotel returned> }` in every case. A source that
 * stopped early (its query budget, or enough items) has a frontier, the last key it evaluated; only
 * hotels up to the lowest frontier are certain to be complete across sources, so the page stops
 * there and the next one resumes from it. No page scans the table.
 */
export async function listHotelsForAdmin(doc: DynamoDBDocumentClient, tableName: string, query: AdminHotelListQuery): Promise<KeysetPage<Hotel>> {
  const after = afterOf(query.after);
  if (query.hotelIds) return listByKey(doc, tableName, query, after);

  const filter = statusFilter(query.status);
  const sources: Source[] = [];
  if (query.q === undefined) {
    sources.push({ index: 'gsi2', pk: keys.hotelInCatalog('', '').gsi2pk, prefix: 'HOTEL#' });
  } else {
    sources.push({ index: 'gsi2', pk: keys.hotelInCatalog('', '').gsi2pk, prefix: `HOTEL#${query.q.toLowerCase()}` });
    sources.push({ index: 'gsi1', pk: keys.hotelByCity(query.q, '', '').gsi1pk, prefix: 'HOTEL#' });
  }

  async function read(source: Source): Promise<{ items: Record<string, unknown>[]; frontier?: string }> {
    const sk = `${source.index}sk`;
    const lower = after !== undefined && after > source.prefix ? after : source.prefix;
    const upper = `${source.prefix}\uffff`;
    if (lower > upper) return { items: [] };
    const found: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (let queries = 0; queries < QUERIES_PER_SOURCE; queries++) {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: source.index,
          // BETWEEN is inclusive: the hotel at `after` (the last one returned) is dropped below.
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lower AND :upper',
          ...(filter ? { FilterExpression: filter.expression } : {}),
          ExpressionAttributeNames: { '#pk': `${source.index}pk`, '#sk': sk, ...filter?.names },
          ExpressionAttributeValues: { ':pk': source.pk, ':lower': lower, ':upper': upper, ...filter?.values },
          Limit: filter ? ITEMS_PER_FILTERED_QUERY : query.limit + 2 - found.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      found.push(...((page.Items ?? []) as Record<string, unknown>[]).filter((item) => item[sk] !== after));
      startKey = page.LastEvaluatedKey as Record<string, unknown> | undefined;
      if (!startKey) return { items: found.map((item) => ({ ...item, sortKey: item[sk] })) };
      if (found.length > query.limit) break;
    }
    return { items: found.map((item) => ({ ...item, sortKey: item[sk] })), frontier: String(startKey![sk]) };
  }

  const reads = await Promise.all(sources.map(read));
  const cutoff = reads
    .flatMap((r) => (r.frontier === undefined ? [] : [r.frontier]))
    .sort()
    .at(0);
  const seen = new Set<unknown>();
  const merged = reads
    .flatMap((r) => r.items)
    .filter((item) => cutoff === undefined || String(item.sortKey) <= cutoff)
    .sort((a, b) => compare(String(a.sortKey), String(b.sortKey)))
    .filter((item) => {
      if (seen.has(item.hotelId)) return false;
      seen.add(item.hotelId);
      return true;
    });
  const items = merged.slice(0, query.limit);
  const hotels = items.map(({ sortKey: _sortKey, ...item }) => fromItem<Hotel>(item));
  if (merged.length > query.limit) return { items: hotels, next: { after: String(items.at(-1)!.sortKey) } };
  if (cutoff !== undefined) return { items: hotels, next: { after: cutoff } };
  return { items: hotels };
}

interface Source {
  index: 'gsi1' | 'gsi2';
  pk: string;
  /** Sort keys in this source start with this. */
  prefix: string;
}

/** The sort key both hotel indexes use: what a position names. */
export function hotelSortKey(hotel: Pick<Hotel, 'name' | 'hotelId'>): string {
  return keys.hotelInCatalog(hotel.name, hotel.hotelId).gsi2sk;
}

/** Whether a hotel is shown by the status filter and `q` (the in-memory form of the index reads). */
export function matchesAdminHotelQuery(hotel: Hotel, query: Pick<AdminHotelListQuery, 'status' | 'q'>): boolean {
  if (query.status === 'active' && !isHotelActive(hotel)) return false;
  if (query.status === 'inactive' && isHotelActive(hotel)) return false;
  if (query.q === undefined) return true;
  return hotel.name.toLowerCase().startsWith(query.q.toLowerCase()) || normaliseCity(hotel.city) === normaliseCity(query.q);
}

async function listByKey(doc: DynamoDBDocumentClient, tableName: string, query: AdminHotelListQuery, after: string | undefined): Promise<KeysetPage<Hotel>> {
  const ids = [...new Set(query.hotelIds)];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    let pending: { Keys: Record<string, unknown>[] } | undefined = { Keys: ids.slice(i, i + 100).map((id) => keys.hotel(id)) };
    // BatchGet may hand back unprocessed keys under load; ask again for those.
    for (let attempt = 0; pending && attempt < 5; attempt++) {
      const out: { Responses?: Record<string, Record<string, unknown>[]>; UnprocessedKeys?: Record<string, unknown> } = await doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: pending } }),
      );
      items.push(...(out.Responses?.[tableName] ?? []));
      pending = out.UnprocessedKeys?.[tableName] as typeof pending;
    }
  }
  const hotels = items
    .map((item) => fromItem<Hotel>(item))
    .filter((hotel) => matchesAdminHotelQuery(hotel, query))
    .map((hotel) => ({ hotel, sortKey: hotelSortKey(hotel) }))
    .filter((h) => after === undefined || h.sortKey > after)
    .sort((a, b) => compare(a.sortKey, b.sortKey));
  const page = hotels.slice(0, query.limit);
  return {
    items: page.map((h) => h.hotel),
    ...(hotels.length > query.limit ? { next: { after: page.at(-1)!.sortKey } } : {}),
  };
}

function statusFilter(status: HotelStatusFilter) {
  if (status === 'all') return undefined;
  const names = { '#active': 'isActive' };
  const values = { ':false': false };
  return status === 'inactive'
    ? { expression: '#active = :false', names, values }
    : { expression: 'attribute_not_exists(#active) OR #active <> :false', names, values };
}

/** The admin hotel list's position is `{ after: <sort key> }`, and nothing else. */
function afterOf(position: PagePosition | undefined): string | undefined {
  if (!position) return undefined;
  const names = Object.keys(position);
  if (names.length !== 1 || names[0] !== 'after' || typeof position.after !== 'string' || !position.after.startsWith('HOTEL#')) throw new BadCursorError();
  return position.after;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
