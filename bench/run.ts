/**
 * `npm run bench` (or `npm run bench -- checkout`): checkout throughput and latency against the local stack, with the raw DynamoDB
 * Local transaction ceiling measured in the same run for comparison (issue 3's benchmark).
 *
 * It starts `npm start`'s entry point as a child process (simulators at zero latency, schedules
 * off), seeds a bench hotel straight into DynamoDB Local, then drives the HTTP API with 20
 * concurrent clients. Results are printed and written to bench/results/checkout-<time>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { DynamoDbHotelCatalog } from '../shared/adapters/dynamodb/hotel-catalog.dynamodb.ts';
import { DynamoDbInventory } from '../shared/adapters/dynamodb/inventory.dynamodb.ts';
import { keys } from '../shared/adapters/dynamodb/keys.ts';
import { addDays, datesInclusive, todayIn } from '../shared/domain/dates.ts';
import { newNight } from '../shared/domain/inventory.ts';
import { CONCURRENCY, load, SECONDS, startStack, summarise, TABLE } from './harness.ts';

const HOTEL = 'htl_bench';

async function main() {
  const { child, api, dynamo } = await startStack();
  const stop = () => new Promise<void>((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill('SIGTERM'))));
  try {
    const doc = createDocumentClient({ region: 'local', endpoint: dynamo });
    const catalog = new DynamoDbHotelCatalog(doc, TABLE);
    const inventory = new DynamoDbInventory(doc, TABLE);
    const now = new Date().toISOString();
    const start = addDays(todayIn('Asia/Seoul'), 30);
    await catalog.putHotel({ hotelId: HOTEL, name: 'Bench Hotel', city: 'Bench', country: 'KR', amenities: [], images: [], timeZone: 'Asia/Seoul', currency: 'KRW', createdAt: now, updatedAt: now });
    for (const [roomTypeId, total] of [['rt_big', 1_000_000], ['rt_none', 0], ['rt_raw', 1_000_000]] as const) {
      await catalog.putRoomType({ hotelId: HOTEL, roomTypeId, name: roomTypeId, maxOccupancy: 2, amenities: [], media: [], isActive: true, createdAt: now, updatedAt: now });
      await inventory.createNights(
        datesInclusive(start, addDays(start, 2)).map((date) => newNight({ hotelId: HOTEL, roomTypeId, date, total, priceMinor: 100_000, currency: 'KRW', now })),
      );
    }
    const body = (roomTypeId: string, i: number) =>
      JSON.stringify({
        hotelId: HOTEL,
        roomTypeId,
        checkIn: start,
        checkOut: addDays(start, 3),
        rooms: 1,
        guests: 1,
        guestInfo: { firstName: 'Bench', lastName: `${i}`, email: `bench${i}@example.com`, phone: '+82 10 0000 0000' },
        payment: { paymentMethodId: 'pm_card_visa' },
      });
    const post = async (roomTypeId: string, i: number, prefix: string) => {
      const res = await fetch(`${api}/api/booking/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `${prefix}-${i}-${process.pid}` },
        body: body(roomTypeId, i),
      });
      await res.arrayBuffer();
      return res.status;
    };

    // Warm-up: load every handler module and open keep-alive connections.
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => post('rt_big', i, 'warm')));

    const checkout = await load(SECONDS, (i) => post('rt_big', i, 'co'));
    const soldOut = await load(Math.max(3, SECONDS / 3), (i) => post('rt_none', i, 'so'));
    const nights = datesInclusive(start, addDays(start, 2));
    const raw = await load(Math.max(5, SECONDS / 2), async (i) => {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: nights.map((date) => ({
              Update: {
                TableName: TABLE,
                Key: keys.inventoryNight(HOTEL, 'rt_raw', date),
                ConditionExpression: 'remaining >= :n',
                UpdateExpression: 'SET remaining = remaining - :n, reserved = reserved + :n, updatedAt = :now',
                ExpressionAttributeValues: { ':n': 1, ':now': `raw-${i}` },
              },
            })),
          }),
        );
        return 200;
      } catch {
        return 500;
      }
    });

    const result = {
      at: new Date().toISOString(),
      concurrency: CONCURRENCY,
      stayNights: 3,
      checkout: summarise(checkout.samples, checkout.elapsed, (s) => s.status === 201),
      soldOut: summarise(soldOut.samples, soldOut.elapsed, (s) => s.status === 409),
      rawTransactWriteItems: summarise(raw.samples, raw.elapsed, (s) => s.status === 200),
    };
    const ratio = result.checkout.perSecond / result.rawTransactWriteItems.perSecond;
    const report = {
      ...result,
      checkoutToRawRatio: Number(ratio.toFixed(3)),
      targets: {
        checkoutP99Under500Ms: result.checkout.p99Ms < 500,
        throughputAtLeast30PercentOfRaw: ratio >= 0.3,
      },
    };
    await mkdir('bench/results', { recursive: true });
    const file = `bench/results/checkout-${report.at.replaceAll(':', '-')}.json`;
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      [
        `Checkout (3 nights, ${CONCURRENCY} clients, ${SECONDS} s): ${report.checkout.perSecond}/s confirmed, p50 ${report.checkout.p50Ms} ms, p99 ${report.checkout.p99Ms} ms, statuses ${JSON.stringify(report.checkout.statuses)}`,
        `SOLD_OUT answers: p50 ${report.soldOut.p50Ms} ms, p99 ${report.soldOut.p99Ms} ms (${report.soldOut.perSecond}/s)`,
        `Raw 3-night TransactWriteItems on DynamoDB Local: ${report.rawTransactWriteItems.perSecond}/s, p50 ${report.rawTransactWriteItems.p50Ms} ms, p99 ${report.rawTransactWriteItems.p99Ms} ms`,
        `Checkout / raw ceiling: ${(ratio * 100).toFixed(1)}% (target >= 30%); checkout p99 < 500 ms: ${report.targets.checkoutP99Under500Ms}`,
        `Written to ${file}`,
      ].join('\n'),
    );
  } finally {
    await stop();
  }
}

const mode = process.argv[2] ?? 'checkout';
if (mode === 'search') {
  // `npm run bench -- search`: bench/search.ts.
  const { searchBench } = await import('./search.ts');
  await searchBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else if (mode === 'checkout') {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  console.error(`Unknown benchmark ${JSON.stringify(mode)}: npm run bench [-- checkout | search]`);
  process.exitCode = 2;
}
