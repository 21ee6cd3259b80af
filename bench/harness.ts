/**
 * What both benchmarks share: the local stack started as a child process (rate limits off,
 * schedules off), the load loop with `BENCH_CONCURRENCY` clients for a number of seconds, and the
 * percentile summary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
export const TABLE = 'hotel-booking-local';

export interface Sample {
  ms: number;
  status: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarise(samples: Sample[], seconds: number, ok: (s: Sample) => boolean) {
  const good = samples.filter(ok);
  const sorted = good.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  return {
    requests: samples.length,
    ok: good.length,
    perSecond: Number((good.length / seconds).toFixed(1)),
    p50Ms: Number(percentile(sorted, 50).toFixed(1)),
    p99Ms: Number(percentile(sorted, 99).toFixed(1)),
    statuses,
  };
}

/** Runs `worker` on `CONCURRENCY` loops for `seconds`, collecting one sample per call. */
export async function load(seconds: number, worker: (i: number) => Promise<number>): Promise<{ samples: Sample[]; elapsed: number }> {
  const samples: Sample[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let counter = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const status = await worker(counter++);
        samples.push({ ms: performance.now() - t0, status });
      }
    }),
  );
  return { samples, elapsed: (performance.now() - started) / 1000 };
}

export async function startStack(): Promise<{ child: ChildProcess; api: string; dynamo: string; payments: string }> {
  // BENCH_PROFILE=1 writes a V8 CPU profile of the stack to bench/results/profile/ (open it in Chrome DevTools).
  const args = process.env.BENCH_PROFILE
    ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profile', '--import', 'tsx', 'local/start.ts']
    : ['--import', 'tsx', 'local/start.ts'];
  const child = spawn('node_modules/.bin/node', args, {
    // RATE_LIMITS=off: every request comes from this one address, far beyond the client and route limits.
    env: { ...process.env, PORT: '0', DYNAMODB_LOCAL_PORT: '0', LOCAL_SCHEDULES: 'false', POWERTOOLS_LOG_LEVEL: 'ERROR', TABLE_NAME: TABLE, RATE_LIMITS: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the local stack did not get ready in 180 s')), 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!/Ready in/.test(out)) return;
      clearTimeout(timer);
      const api = /API\s+(http:\/\/\S+)/.exec(out)?.[1];
      const dynamo = /DynamoDB\s+(http:\/\/\S+)/.exec(out)?.[1];
      const payments = /Payments\s+(http:\/\/\S+)/.exec(out)?.[1];
      if (!api || !dynamo || !payments) return reject(new Error(`could not read the stack's URLs:\n${out}`));
      resolve({ child, api, dynamo, payments });
    });
    child.on('exit', (code) => reject(new Error(`the local stack exited with ${code}:\n${out}`)));
  });
}

