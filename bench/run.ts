/**
 * `npm run bench` (or `npm run bench -- checkout`): checkout throughput and latency against the local stack, with the raw DynamoDB
 * Local transaction ceiling measured in the same run for comparison (issue 3's benchmark).
 *
 * It starts `npm start`'s entry point as a child process (simulators at zero latency, schedules
 * off), seeds a bench hotel straight into DynamoDB Local, then drives the HTTP API with 20
 * concurrent clients. Then, on the demo's PMS-managed room types (one per vendor), three times as
 * many concurrent checkouts as rooms for one night, with what the inventory API advertised next to
 * what was sold. Every run counts the bookings whose card was authorized and then voided (the
 * payment simulator's ledger). Results are printed and written to bench/results/checkout-<time>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../shared/adapters/dynamodb/document-client.ts';
import { DynamoDbHotelCatalog } from '../shared/adapters/dynamodb/hotel-catalog.dynamodb.ts';
import { DynamoDbInventory } from '../shared/adapters/dynamodb/inventory.dynamodb.ts';
import { keys } from '../shared/adapters/dynamodb/keys.ts';
import { addDays, datesInclusive, todayIn } from '../shared/domain/dates.ts';
import { newNight } from '../shared/domain/inventory.ts';
import { CONCURRENCY, load, SECONDS, startStack, summarise, TABLE } from './harness.ts';
import { issueToken } from '../local/cognito/local-issuer.ts';
import { DEMO_PMS_ROOM_TYPES, describeOversubscription, oversubscribe, type OversubscriptionResult } from '../local/demo/oversubscription.ts';
import type { BookingLedger } from '../local/simulators/payment/stripe-simulator.ts';

const HOTEL = 'htl_bench';

/** The stack's AWS call counts once they stop moving (sagas run their last steps after the answer). */
async function settled(api: string): Promise<{ total: number; byCommand: Record<string, number> }> {
  let last = -1;
  for (;;) {
    const res = await fetch(`${api}/_local/aws-calls`);
    const counts = ((await res.json()) as { data: { total: number; byCommand: Record<string, number> } }).data;
    if (counts.total === last) return counts;
    last = counts.total;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Bookings whose card was authorized and then released without a capture, per the payment simulator. */
async function authorizeThenVoid(payments: string): Promise<{ bookings: number; authorizeThenVoid: number }> {
  const res = await fetch(`${payments}/_sim/ledger`);
  const { bookings: ledgers } = (await res.json()) as { bookings: BookingLedger[] };
  return {
    bookings: ledgers.length,
    authorizeThenVoid: ledgers.filter((l) => l.authorizedMinor > 0 && l.capturedMinor === 0 && l.voidedMinor > 0).length,
  };
}

async function main() {
  const { child, api, dynamo, payments } = await startStack();
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
    await settled(api);
    await fetch(`${api}/_local/aws-calls`, { method: 'DELETE' });

    const checkout = await load(SECONDS, (i) => post('rt_big', i, 'co'));
    // Sagas finish their last steps after the answer: count until the stack is quiet.
    const calls = await settled(api);
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

    const rawQuery = await load(Math.max(3, SECONDS / 3), async () => {
      try {
        await doc.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': keys.inventoryNight(HOTEL, 'rt_none', start).pk,
              ':from': keys.inventoryNight(HOTEL, 'rt_none', start).sk,
              ':to': keys.inventoryNight(HOTEL, 'rt_none', addDays(start, 2)).sk,
            },
            ConsistentRead: true,
          }),
        );
        return 200;
      } catch {
        return 500;
      }
    });
    const afterCheckouts = await authorizeThenVoid(payments);
    const adminToken = await issueToken({ role: 'admin' });
    const oversubscription: OversubscriptionResult[] = [];
    for (const target of DEMO_PMS_ROOM_TYPES) oversubscription.push(await oversubscribe({ api, adminToken, target }));

    const result = {
      at: new Date().toISOString(),
      concurrency: CONCURRENCY,
      stayNights: 3,
      checkout: summarise(checkout.samples, checkout.elapsed, (s) => s.status === 201),
      soldOut: summarise(soldOut.samples, soldOut.elapsed, (s) => s.status === 409),
      rawTransactWriteItems: summarise(raw.samples, raw.elapsed, (s) => s.status === 200),
      rawQuery: summarise(rawQuery.samples, rawQuery.elapsed, (s) => s.status === 200),
      /** Bookings whose card was authorized and then voided: in the checkout phases, and in all (after the PMS phase). */
      authorizeThenVoid: { checkoutPhases: afterCheckouts.authorizeThenVoid, total: (await authorizeThenVoid(payments)).authorizeThenVoid },
      oversubscription,
    };
    const ratio = result.checkout.perSecond / result.rawTransactWriteItems.perSecond;
    const soldOutRatio = result.soldOut.perSecond / result.rawQuery.perSecond;
    const confirmed = result.checkout.ok;
    const awsCallsPerCheckout = confirmed > 0 ? Number((calls.total / confirmed).toFixed(2)) : null;
    const report = {
      ...result,
      checkoutToRawRatio: Number(ratio.toFixed(3)),
      soldOutToRawQueryRatio: Number(soldOutRatio.toFixed(3)),
      awsCallsPerCheckout,
      awsCallsPerCheckoutByCommand: Object.fromEntries(
        Object.entries(calls.byCommand).map(([command, n]) => [command, Number((n / Math.max(1, confirmed)).toFixed(2))]),
      ),
      targets: {
        checkoutP99Under500Ms: result.checkout.p99Ms < 500,
        throughputAtLeast30PercentOfRaw: ratio >= 0.3,
        soldOutAtLeast50PercentOfRawQuery: soldOutRatio >= 0.5,
        atMost9AwsCallsPerCheckout: awsCallsPerCheckout !== null && awsCallsPerCheckout <= 9,
        advertisedEqualsSold: result.oversubscription.every((o) => o.match),
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
        `Raw 3-night Query (consistent) on DynamoDB Local: ${report.rawQuery.perSecond}/s, p99 ${report.rawQuery.p99Ms} ms`,
        `Checkout / raw ceiling: ${(ratio * 100).toFixed(1)}% (target >= 30%); checkout p99 < 500 ms: ${report.targets.checkoutP99Under500Ms}`,
        `SOLD_OUT / raw Query ceiling: ${(soldOutRatio * 100).toFixed(1)}% (target >= 50%)`,
        `AWS calls per confirmed checkout: ${awsCallsPerCheckout} (target <= 9): ${JSON.stringify(report.awsCallsPerCheckoutByCommand)}`,
        `Authorize-then-void: ${report.authorizeThenVoid.checkoutPhases} in the checkout phases, ${report.authorizeThenVoid.total} in all`,
        ...report.oversubscription.map((o) => `PMS oversubscription: ${describeOversubscription(o)}`),
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
