import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { issueToken } from './cognito/local-issuer.ts';
import { generateHotel, type SeedHotel } from './seed/catalog-generator.ts';

/**
 * `npm run seed -- --hotels N [--nights 365] [--concurrency 4] [--api http://localhost:3000]`:
 * loads a generated catalog (`local/seed/catalog-generator.ts`: ten cities, five room types per
 * hotel, a rate plan each, and `--nights` nights of prices and counts) into a running local stack
 * through the admin API, so every write takes the real path (summary, ledger, audit). What is
 * already there (`409 ALREADY_EXISTS`) is kept, so a second run only completes what is missing.
 *
 * The admin API is limited to 100 requests a minute per user: start the stack with
 * `RATE_LIMITS=off npm start` to seed fast; with the limits on, a `429` is waited out.
 */
const USAGE = 'Usage: npm run seed -- --hotels N [--nights 1-730 (365)] [--concurrency 1-16 (4)] [--api URL] [--seed N]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function intOption(value: string | undefined, name: string, min: number, max: number, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) fail(`--${name} is required`);
    return fallback;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

const { values } = parseArgs({
  options: {
    hotels: { type: 'string' },
    nights: { type: 'string' },
    concurrency: { type: 'string' },
    api: { type: 'string' },
    seed: { type: 'string' },
  },
  strict: true,
});
const hotels = intOption(values.hotels, 'hotels', 1, 5000);
const nights = intOption(values.nights, 'nights', 1, 730, 365);
const concurrency = intOption(values.concurrency, 'concurrency', 1, 16, 4);
const seed = intOption(values.seed, 'seed', 1, 1_000_000, 1);
const api = (values.api ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');

let token = '';
let waitedForLimits = false;
let requests = 0;

/** One admin call; a 429 is waited out (Retry-After), anything else not 2xx is an error with the API's code. */
async function call(method: string, path: string, body: unknown, okCodes: string[] = []): Promise<'ok' | string> {
  for (;;) {
    requests += 1;
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status === 429) {
      const seconds = Number(response.headers.get('retry-after') ?? 5);
      if (!waitedForLimits) console.error(`Rate limited: waiting ${seconds} s. Start the stack with RATE_LIMITS=off npm start to seed without waiting.`);
      waitedForLimits = true;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, seconds) * 1000));
      continue;
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (response.ok) return 'ok';
    const code = answer.error?.code ?? String(response.status);
    if (okCodes.includes(code)) return code;
    throw new Error(`${method} ${path}: ${response.status} ${code} ${answer.error?.message ?? ''}`);
  }
}

/**
 * One hotel: what exists already (`ALREADY_EXISTS`) is kept and the rest added, and the calendar
 * call is idempotent, so a run stopped half-way is finished by the next one.
 */
async function seedHotel(h: SeedHotel): Promise<'created' | 'skipped'> {
  const created = await call('POST', '/api/admin/hotels', h.hotel, ['ALREADY_EXISTS']);
  const base = `/api/admin/hotels/${h.hotel.hotelId}/room-types`;
  for (const rt of h.roomTypes) {
    await call('POST', base, rt.roomType, ['ALREADY_EXISTS']);
    await call('POST', `${base}/${rt.roomType.roomTypeId}/rate-plans`, rt.ratePlan, ['ALREADY_EXISTS']);
    await call('PUT', `${base}/${rt.roomType.roomTypeId}/calendar`, rt.calendar);
  }
  return created === 'ALREADY_EXISTS' ? 'skipped' : 'created';
}

async function main(): Promise<void> {
  const health = await fetch(`${api}/api/health`).catch(() => undefined);
  if (!health?.ok) fail(`No local stack answers at ${api} (start it with npm start, or pass --api)`);
  token = await issueToken({ role: 'admin' });
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  console.log(`Seeding ${hotels} hotels x 5 room types x ${nights} nights from ${tomorrow} into ${api} (${concurrency} at a time)`);
  const started = performance.now();
  let next = 0;
  let created = 0;
  let skipped = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < hotels) {
        const i = next++;
        const outcome = await seedHotel(generateHotel(i, { nights, from: tomorrow, seed }));
        if (outcome === 'created') created += 1;
        else skipped += 1;
        const done = created + skipped;
        if (done % 25 === 0 || done === hotels) {
          const s = (performance.now() - started) / 1000;
          console.log(`  ${done}/${hotels} hotels (${created} created, ${skipped} already there), ${s.toFixed(0)} s, ${(done / s).toFixed(2)} hotels/s`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Done in ${seconds.toFixed(1)} s: ${created} hotels created, ${skipped} already there, ${(created + skipped) * 5 * nights} nights in place, ${requests} API requests.`,
  );
}

main().catch((error: unknown) => {
  console.error(`Seeding stopped: ${(error as Error).message}`);
  process.exit(1);
});
