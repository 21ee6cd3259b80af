/**
 * `npm run bench -- search` (issue 9): search latency and throughput against the local stack, the
 * DynamoDB calls per search page, and the raw single-`Query` ceiling measured in the same run.
 *
 * It starts the stack (rate limits off), writes the availability summary of `BENCH_HOTELS` (1,000)
 * generated hotels in the ten seed cities straight into DynamoDB Local (the items the search reads,
 * built by the same `summaryItem` the adapters write; no nights, no catalog: search reads neither),
 * then drives `GET /api/hotels/search` with `BENCH_CONCURRENCY` (20) clients, each asking a random
 * city for the same three-night stay. The raw ceiling is the same clients sending the one `Query`
 * a city search makes (gsi1, the stay's dates), straight to DynamoDB Local.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { summaryItem } from '../shared/adapters/dynamodb/availability-summary.ts';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { DynamoDbHotelSearch } from '../shared/adapters/dynamodb/hotel-search.dynamodb.ts';
import { summaryKeys } from '../shared/adapters/dynamodb/keys.ts';
import { addDays, datesInclusive, todayIn } from '../shared/domain/dates.ts';
import { newNight } from '../shared/domain/inventory.ts';
import { toMinorUnits } from '../shared/domain/money.ts';
import type { HotelSearchFacts } from '../shared/domain/search.ts';
import { generateHotel, SEED_CITIES } from '../local/seed/catalog-generator.ts';
import { CONCURRENCY, load, SECONDS, startStack, summarise, TABLE } from './harness.ts';

const HOTELS = Number(process.env.BENCH_HOTELS ?? 1000);
const STAY_NIGHTS = 3;

export async function searchBench(): Promise<void> {
  const { child, api, dynamo } = await startStack();
  const stop = () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM'))));
  try {
    const doc = createDocumentClient({ region: 'local', endpoint: dynamo });
    // Thirty days ahead in every seed city's zone: "today" is never an edge.
    const checkIn = addDays(todayIn('Pacific/Kiritimati'), 30);
    const checkOut = addDays(checkIn, STAY_NIGHTS);
    const dates = datesInclusive(checkIn, checkOut);
    const now = new Date().toISOString();

    // Summary items: every hotel, every date of the stay and its departure day.
    const items: Record<string, unknown>[] = [];
    for (let i = 0; i < HOTELS; i++) {
      const { hotel, roomTypes } = generateHotel(i, { nights: dates.length, from: checkIn, seed: 1 });
      const location = hotel.location as { latitude: number; longitude: number };
      const facts: HotelSearchFacts = {
        n: hotel.name as string,
        c: hotel.city as string,
        co: hotel.country as string,
        s: hotel.starRating as number,
        am: hotel.amenities as string[],
        lat: location.latitude,
        lng: location.longitude,
        cur: hotel.currency,
        tz: hotel.timeZone as string,
        hz: 365,
        act: true,
        rts: Object.fromEntries(roomTypes.map((rt) => [rt.roomType.roomTypeId, { n: rt.roomType.name as string, o: rt.roomType.maxOccupancy as number, act: true }])),
      };
      for (const date of dates) {
        const nights = roomTypes.map((rt) => {
          const all = rt.calendar.ranges[0] as { price: number; total: number };
          return newNight({
            hotelId: hotel.hotelId,
            roomTypeId: rt.roomType.roomTypeId,
            date,
            total: all.total,
            priceMinor: toMinorUnits(all.price, hotel.currency),
            currency: hotel.currency,
            now,
          });
        });
        items.push(summaryItem(hotel.hotelId, date, nights, facts));
      }
    }
    const seeded = performance.now();
    for (let i = 0; i < items.length; i += 25) {
      let batch: Record<string, unknown>[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      while (batch.length > 0) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: batch as never } }));
        batch = (out.UnprocessedItems?.[TABLE] ?? []) as Record<string, unknown>[];
      }
    }
    const seedSeconds = (performance.now() - seeded) / 1000;

    // DynamoDB calls per page, from the adapter itself: page 1 and page 3 of every city.
    const adapter = new DynamoDbHotelSearch(doc, TABLE);
    const callsPerPage: Record<string, number[]> = {};
    for (const { city } of SEED_CITIES) {
      const criteria = { area: { kind: 'city' as const, city }, checkIn, checkOut, guests: 2, rooms: 1, sortBy: 'price' as const, limit: 20 };
      let after: (string | number)[] | undefined;
      const calls: number[] = [];
      for (let page = 1; page <= 3; page++) {
        const result = await adapter.search({ ...criteria, ...(after ? { after } : {}) }, new Date());
        calls.push(result.storageCalls);
        after = result.next;
        if (!after) break;
      }
      callsPerPage[city] = calls;
    }
    const maxCalls = Math.max(...Object.values(callsPerPage).flat());

    const url = (i: number) => `${api}/api/hotels/search?city=${encodeURIComponent(SEED_CITIES[i % SEED_CITIES.length]!.city)}&checkIn=${checkIn}&checkOut=${checkOut}&guests=2`;
    let hits = 0;
    const get = async (i: number) => {
      const res = await fetch(url(i));
      const body = (await res.json()) as { data?: unknown[] };
      if (res.status === 200 && Array.isArray(body.data) && body.data.length > 0) hits += 1;
      return res.status;
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => get(i))); // warm-up
    hits = 0;
    const search = await load(SECONDS, get);
    const range = summaryKeys.dateRange(checkIn, checkOut);
    const raw = await load(Math.max(5, SECONDS / 2), async (i) => {
      try {
        await doc.send(
          new QueryCommand({
            TableName: TABLE,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': summaryKeys.cityPartition(SEED_CITIES[i % SEED_CITIES.length]!.city), ':from': range.from, ':to': range.to },
          }),
        );
        return 200;
      } catch {
        return 500;
      }
    });

    const result = {
      at: new Date().toISOString(),
      hotels: HOTELS,
      cities: SEED_CITIES.length,
      concurrency: CONCURRENCY,
      stayNights: STAY_NIGHTS,
      summaryItems: items.length,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      search: summarise(search.samples, search.elapsed, (s) => s.status === 200),
      searchAnswersWithHotels: hits,
      dynamoDbCallsPerPage: { max: maxCalls, byCity: callsPerPage },
      rawQuery: summarise(raw.samples, raw.elapsed, (s) => s.status === 200),
    };
    const ratio = result.search.perSecond / result.rawQuery.perSecond;
    const report = {
      ...result,
      searchToRawRatio: Number(ratio.toFixed(3)),
      targets: { atMost5CallsPerPage: maxCalls <= 5, throughputAtLeast50PercentOfRaw: ratio >= 0.5 },
    };
    await mkdir('bench/results', { recursive: true });
    const file = `bench/results/search-${report.at.replaceAll(':', '-')}.json`;
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      [
        `Search (${HOTELS} hotels in ${SEED_CITIES.length} cities, ${STAY_NIGHTS} nights, ${CONCURRENCY} clients, ${SECONDS} s): ${report.search.perSecond}/s, p50 ${report.search.p50Ms} ms, p99 ${report.search.p99Ms} ms, statuses ${JSON.stringify(report.search.statuses)}, ${hits} answers with hotels`,
        `DynamoDB calls per search page: at most ${maxCalls} (pages 1-3 of every city: ${JSON.stringify(callsPerPage)})`,
        `Raw gsi1 Query of a city on DynamoDB Local: ${report.rawQuery.perSecond}/s, p50 ${report.rawQuery.p50Ms} ms, p99 ${report.rawQuery.p99Ms} ms`,
        `Search / raw ceiling: ${(ratio * 100).toFixed(1)}% (target >= 50%); at most 5 calls per page: ${report.targets.atMost5CallsPerPage}`,
        `Written to ${file}`,
      ].join('\n'),
    );
  } finally {
    await stop();
  }
}
