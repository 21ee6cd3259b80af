import { QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { addDays, todayIn, type IsoDate } from '#domain/dates.ts';
import { boundingBox, coveringCells } from '#domain/geo.ts';
import { toMinorUnits } from '#domain/money.ts';
import { pageOfHits, searchHitOf, type HotelSearchFacts, type SearchHit, type SummaryNight } from '#domain/search.ts';
import type { HotelSearch, SearchIndexWriter, SearchRequest, SearchResultPage, StayAvailabilityReader } from '#ports/hotel-search.port.ts';
import { GEO_INDEX_PRECISION, loadSearchFacts, summaryNightOf, SummaryUpdate } from './availability-summary.ts';
import { forEachLimited } from './items.ts';
import { summaryKeys } from './keys.ts';

/** Summary nights re-stamped at once by a facts refresh. */
const REFRESH_IN_FLIGHT = 8;

/**
 * The search's DynamoDB adapter (docs/search.md). A city search is one `Query` of gsi1 over the
 * stay's dates, departure day included (closed-to-departure is a rule of that day's night):
 * `AVAIL#CITY#<city>`, `<date>#<hotelId>` from check-in to check-out. It returns every hotel's
 * summary night for each date (about 0.7 KB each: 1 MB, one page, holds some 1,400 hotel-nights),
 * and the decision is made in memory by the domain's `searchHitOf`, so no room type's nights are
 * read and the number of requests does not grow with the city. A radius search queries gsi2 once per
 * geohash cell the circle touches (at most 4 below 70 degrees of latitude for 25 km), in
 * parallel, with the circle's bounding box as a filter.
 */
export class DynamoDbHotelSearch implements HotelSearch, StayAvailabilityReader, SearchIndexWriter {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async search(request: SearchRequest, now: Date): Promise<SearchResultPage> {
    const range = summaryKeys.dateRange(request.checkIn, request.checkOut);
    let storageCalls = 0;
    const read = async (input: QueryCommandInput) => {
      const items: Record<string, unknown>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        storageCalls += 1;
        const page = await this.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
        items.push(...((page.Items ?? []) as Record<string, unknown>[]));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return items;
    };
    let items: Record<string, unknown>[];
    if (request.area.kind === 'city') {
      items = await read({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': summaryKeys.cityPartition(request.area.city), ':from': range.from, ':to': range.to },
      });
    } else {
      const { center, radiusKm } = request.area;
      const box = boundingBox(center.latitude, center.longitude, radiusKm);
      // A box across the antimeridian would need two longitude ranges: it is left to the distance check.
      const boxFilter = box.minLng >= -180 && box.maxLng <= 180;
      const pages = await Promise.all(
        coveringCells(box, GEO_INDEX_PRECISION).map((cell) =>
          read({
            TableName: this.tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
            ...(boxFilter ? { FilterExpression: 'f.lat BETWEEN :minLat AND :maxLat AND f.lng BETWEEN :minLng AND :maxLng' } : {}),
            ExpressionAttributeValues: {
              ':pk': summaryKeys.cellPartition(cell),
              ':from': range.from,
              ':to': range.to,
              ...(boxFilter ? { ':minLat': box.minLat, ':maxLat': box.maxLat, ':minLng': box.minLng, ':maxLng': box.maxLng } : {}),
            },
          }),
        ),
      );
      items = pages.flat();
    }
    const hits: SearchHit[] = [];
    for (const [hotelId, nights] of groupByHotel(items)) {
      const hit = searchHitOf(hotelId, nights, request, now, toMinorUnits);
      if (hit) hits.push(hit);
    }
    const page = pageOfHits(hits, request.sortBy, request.limit, request.after);
    return { items: page.items, ...(page.next ? { next: page.next } : {}), storageCalls };
  }

  async summaryNights(hotelId: string, from: IsoDate, to: IsoDate): Promise<SummaryNight[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': summaryKeys.partition(hotelId), ':from': summaryKeys.sortKey(from), ':to': summaryKeys.sortKey(to) },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((page.Items ?? []) as Record<string, unknown>[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.map(summaryNightOf);
  }

  /**
   * Reads the hotel's facts from the catalog and re-stamps them on each summary night from
   * yesterday (UTC) on whose stamp differs: one read of the hotel, one of its summary nights'
   * stamps, and one update per night that changed (none when nothing the search shows changed).
   * A hotel that is gone or inactive leaves the indexes.
   */
  async refreshHotel(hotelId: string, now: Date): Promise<{ nights: number; changed: number }> {
    const facts = await loadSearchFacts(this.doc, this.tableName, hotelId);
    const from = addDays(todayIn('UTC', now), -1);
    const stamps: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND sk >= :from',
          ExpressionAttributeValues: { ':pk': summaryKeys.partition(hotelId), ':from': summaryKeys.sortKey(from) },
          ProjectionExpression: '#date, f, gsi1pk, gsi1sk, gsi2pk, gsi2sk',
          ExpressionAttributeNames: { '#date': 'date' },
          ExclusiveStartKey: startKey,
        }),
      );
      stamps.push(...((page.Items ?? []) as Record<string, unknown>[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const stale = stamps.filter((item) => !stampMatches(item, hotelId, facts));
    await forEachLimited(stale, REFRESH_IN_FLIGHT, async (item) => {
      const date = item.date as IsoDate;
      const update = facts
        ? new SummaryUpdate().facts(hotelId, date, facts)
        : new SummaryUpdate().remove('f').remove('gsi1pk').remove('gsi1sk').remove('gsi2pk').remove('gsi2sk');
      await this.doc.send(new UpdateCommand({ ...update.action(this.tableName, hotelId, date).Update, ConditionExpression: 'attribute_exists(pk)' }));
    });
    return { nights: stamps.length, changed: stale.length };
  }
}

/** Whether a summary night already carries exactly the stamp `facts` would give it. */
function stampMatches(item: Record<string, unknown>, hotelId: string, facts: HotelSearchFacts | undefined): boolean {
  const expected = facts ? new SummaryUpdate().facts(hotelId, item.date as IsoDate, facts).item(hotelId, item.date as IsoDate) : {};
  for (const name of ['f', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']) {
    if (stableJson(item[name]) !== stableJson(expected[name])) return false;
  }
  return true;
}

function stableJson(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function groupByHotel(items: readonly Record<string, unknown>[]): Map<string, Map<IsoDate, SummaryNight>> {
  const out = new Map<string, Map<IsoDate, SummaryNight>>();
  for (const item of items) {
    const night = summaryNightOf(item);
    let nights = out.get(night.hotelId);
    if (!nights) out.set(night.hotelId, (nights = new Map()));
    nights.set(night.date, night);
  }
  return out;
}
