/**
 * `npm run size`: every function's bundle as CDK builds it (same esbuild settings, from
 * `infra/constructs/handler-function.ts`), its minified size, the packages that weigh most in it,
 * and its cold module-load time: a fresh Node process importing the bundle, median of 3. Prints a
 * table; exits 1 when a bundle is over the budget (300 KB, issue 11), so it can gate a build.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { FUNCTION_BUNDLING } from '../infra/constructs/handler-function.ts';
import { routeList } from '../shared/http/route-table.ts';
import { queues } from '../shared/queues/queue-table.ts';
import { allSagaTasks } from '../shared/saga/state-machines.ts';
import { schedules } from '../shared/schedules/schedule-table.ts';

const BUDGET_BYTES = 300 * 1024;
const LOAD_RUNS = 3;

const handlers = [
  ...new Set([
    ...routeList.map((r) => r.handler),
    ...allSagaTasks().map((t) => t.handler),
    ...schedules.map((s) => s.handler),
    ...queues.map((q) => q.handler),
  ]),
].sort();

function heaviest(metafile: Metafile, top = 3): string {
  const output = Object.values(metafile.outputs)[0]!;
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(ours)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, bytes]) => `${name} ${Math.round(bytes / 1024)}`)
    .join(', ');
}

/** Milliseconds for a fresh `node` to import the bundle (no handler call): the module-load part of a cold start. */
function loadMs(file: string): number {
  const script = `const t=performance.now();await import(${JSON.stringify(pathToFileURL(resolve(file)).href)});console.log(performance.now()-t)`;
  const runs = Array.from({ length: LOAD_RUNS }, () => {
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, TABLE_NAME: 'size-check', AWS_REGION: 'us-east-1', POWERTOOLS_METRICS_DISABLED: 'true' },
    });
    return Number(res.stdout.trim());
  }).sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

await mkdir(join('node_modules', '.cache'), { recursive: true });
// Inside the repository, so the bundles' external `@aws-sdk/*` imports resolve from node_modules.
const dir = await mkdtemp(join('node_modules', '.cache', 'bundle-size-'));
let over = 0;
console.log(`${'function'.padEnd(34)} ${'KB'.padStart(6)} ${'load ms'.padStart(8)}  heaviest packages (KB)`);
try {
  for (const handler of handlers) {
    const outfile = join(dir, `${handler.replaceAll('/', '-')}.mjs`);
    const result = await build({
      entryPoints: [join('functions', `${handler}.ts`)],
      bundle: true,
      platform: 'node',
      outfile,
      metafile: true,
      logLevel: 'error',
      format: FUNCTION_BUNDLING.format,
      target: FUNCTION_BUNDLING.target,
      mainFields: [...FUNCTION_BUNDLING.mainFields],
      banner: { js: FUNCTION_BUNDLING.banner },
      minify: FUNCTION_BUNDLING.minify,
      external: [...FUNCTION_BUNDLING.externalModules],
      alias: FUNCTION_BUNDLING.alias,
    });
    const bytes = (await stat(outfile)).size;
    if (bytes > BUDGET_BYTES) over++;
    const flag = bytes > BUDGET_BYTES ? ' OVER' : '';
    console.log(
      `${handler.padEnd(34)} ${(bytes / 1024).toFixed(0).padStart(6)} ${loadMs(outfile).toFixed(0).padStart(8)}  ${heaviest(result.metafile)}${flag}`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
console.log(`\nbudget ${BUDGET_BYTES / 1024} KB per function; ${over === 0 ? 'all within it' : `${over} over`}`);
console.log('KB is what each function deploys; Powertools and the X-Ray SDK come from the shared Powertools layer, and load ms includes loading them.');
process.exitCode = over === 0 ? 0 : 1;
